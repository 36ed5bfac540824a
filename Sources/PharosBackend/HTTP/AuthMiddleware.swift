import Foundation
import Hummingbird

/// Requires `Authorization: Bearer <jwt>` on every route except `/health`, `/version`, `/ready`, `/metrics` and
/// `/auth*`; sets `APIRequestContext.subject` from the token (reference §2.2). Failure: 401 bad credentials.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    /// Paths served without a token.
    static let publicPaths: Set<String> = ["/health", "/version", "/ready", "/metrics", "/auth"]

    let tokens: TokenIssuer

    static func isPublic(_ path: String) -> Bool {
        publicPaths.contains(path) || path.hasPrefix("/auth/")
    }

    func handle(
        _ request: Request, context: APIRequestContext,
        next: (Request, APIRequestContext) async throws -> Response
    ) async throws -> Response {
        if Self.isPublic(request.uri.path) { return try await next(request, context) }
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw APIError.badCredentials
        }
        let token = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        guard let subject = await tokens.verify(token, kind: .access) else { throw APIError.badCredentials }
        var context = context
        context.subject = subject
        return try await next(request, context)
    }
}
