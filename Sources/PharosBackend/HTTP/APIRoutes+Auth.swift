import Foundation
import Hummingbird
import PharosCore
import PharosWire

extension APIRoutes {
    /// The refresh request body, `{"refresh_token": "…"}`.
    struct RefreshRequest: Decodable {
        var refreshToken: String

        enum CodingKeys: String, CodingKey {
            case refreshToken = "refresh_token"
        }
    }

    /// `GET /auth` (Basic → tokens), `GET /auth/test` (Basic → 200/401), `POST /auth/token` (refresh).
    func addAuthRoutes(to router: Router<APIRequestContext>) {
        router.get("/auth") { request, _ -> Response in
            let user = try await authenticate(request)
            return try Self.json(try await tokens.issue(subject: user))
        }
        router.get("/auth/test") { request, _ -> Response in
            _ = try await authenticate(request)
            return Response(status: .ok)
        }
        router.post("/auth/token") { request, _ -> Response in
            let data = try await Self.body(of: request)
            guard let body = try? JSONDecoder().decode(RefreshRequest.self, from: data) else {
                throw APIError(.invalidArgument, "refresh_token: required field missing")
            }
            guard let subject = await tokens.verify(body.refreshToken, kind: .refresh),
                try await users.activeUser(subject) != nil
            else { throw APIError.badCredentials }
            return try Self.json(try await tokens.issue(subject: subject))
        }
    }

    /// The username of valid Basic credentials. - Throws: `APIError` 401.
    private func authenticate(_ request: Request) async throws -> String {
        guard let credentials = BasicCredentials(authorization: request.headers[.authorization]),
            let user = try await users.authenticate(credentials)
        else { throw APIError.badCredentials }
        return user.username
    }
}
