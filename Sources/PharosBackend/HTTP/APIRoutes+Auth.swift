import Foundation
import Hummingbird
import PharosCore
import PharosWire

extension APIRoutes {
    /// The refresh and logout request body, `{"refresh_token": "…"}`.
    struct RefreshRequest: Decodable {
        var refreshToken: String

        enum CodingKeys: String, CodingKey {
            case refreshToken = "refresh_token"
        }
    }

    /// `GET /auth` (Basic → tokens), `GET /auth/test` (Basic → 200/401), `POST /auth/token` (refresh: the used
    /// refresh token's session ends, a new pair gets a new session) and `POST /auth/logout` (ends the session of the
    /// bearer token and of the refresh token in the body, if any).
    func addAuthRoutes(to router: Router<APIRequestContext>) {
        router.get("/auth") { request, _ -> Response in
            let user = try await authenticate(request)
            return try Self.json(try await openSession(for: user))
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
            guard let token = await tokens.verified(body.refreshToken, kind: .refresh),
                let user = try await sessions.close(token.session), user == token.subject,
                try await users.activeUser(user) != nil
            else { throw APIError.badCredentials }
            return try Self.json(try await openSession(for: user))
        }
        router.post("/auth/logout") { request, _ -> Response in
            guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer "),
                let token = await tokens.verified(
                    String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces), kind: .access),
                try await sessions.isLive(token.session)
            else { throw APIError.badCredentials }
            try await sessions.close(token.session)
            let data = try await Self.body(of: request)
            if let body = try? JSONDecoder().decode(RefreshRequest.self, from: data),
                let refresh = await tokens.verified(body.refreshToken, kind: .refresh), refresh.subject == token.subject
            {
                try await sessions.close(refresh.session)
            }
            return Response(status: .ok)
        }
    }

    /// Issues a token pair for `user` and records its session.
    private func openSession(for user: String) async throws -> TokenPair {
        let session = UUID().uuidString
        let pair = try await tokens.issue(subject: user, session: session)
        let expires = tokens.currentTime + Int64(TokenIssuer.refreshLifetime.components.seconds)
        try await sessions.open(session, user: user, expires: expires, now: tokens.currentTime)
        return pair
    }

    /// The username of valid Basic credentials. - Throws: `APIError` 401.
    private func authenticate(_ request: Request) async throws -> String {
        guard let credentials = BasicCredentials(authorization: request.headers[.authorization]) else {
            throw APIError.badCredentials
        }
        // Not inside the `guard`: Swift 6.3.1 crashes (signal 11, LLVM CoroSplit) in release builds on a typed-throws
        // `try await` bound by an optional binding of an untyped async function.
        let user = try await users.authenticate(credentials)
        guard let user else { throw APIError.badCredentials }
        return user.username
    }
}
