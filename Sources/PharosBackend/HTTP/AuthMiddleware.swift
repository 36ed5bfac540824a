import Foundation
import Hummingbird
import Logging
import PharosCore
import PharosStore
import PharosWire

/// Authenticates and authorises every request (reference §2.2). `/health`, `/version`, `/ready`, `/metrics` and
/// `/auth*` (and, on the dashboard's port, the page: `/` and `/static/*`) are served without credentials; everything else needs `Authorization: Bearer <access JWT>` or
/// `Authorization: Key <api key>` (else 401 `bad credentials`, code 5). Requests under `/api/core/v2` are then mapped
/// to an `AccessRequest` (a `PUT` of a resource that does not exist yet needs `create`, of an existing one
/// `update`) and checked against RBAC (else 403, code 4), except that reading namespaces is always
/// allowed: the namespace list is filtered to what the caller may see and a namespace it may not see is 403.
/// Sets `APIRequestContext.subject`.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    /// Paths served without credentials.
    static let publicPaths: Set<String> = ["/health", "/version", "/ready", "/metrics", "/auth", "/"]

    /// The answer to an authenticated request RBAC refuses.
    static let denied = APIError(.permissionDenied, "unauthorized to perform action")

    let authenticator: RequestAuthenticator
    let authorizer: Authorizer
    let store: any Store

    static func isPublic(_ path: String) -> Bool {
        publicPaths.contains(path) || path.hasPrefix("/auth/") || path.hasPrefix("/static/")
    }

    func handle(
        _ request: Request, context: APIRequestContext,
        next: (Request, APIRequestContext) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        if Self.isPublic(path) { return try await next(request, context) }
        guard let principal = try await authenticator.principal(authorization: request.headers[.authorization]) else {
            throw APIError.badCredentials
        }
        var context = context
        context.subject = principal.username
        guard
            var access = AccessRequest(
                method: request.method.rawValue, path: path, username: principal.username)
        else { return try await next(request, context) }
        if request.method == .put, access.verb == "update", access.subresource.isEmpty, !access.name.isEmpty,
            try await !authorizer.exists(access)
        {
            access.verb = "create"
        }
        if access.resource == "namespaces", access.verb == "list" || access.verb == "get" {
            guard let visible = try await authorizer.visibleNamespaces(principal) else {
                return try await next(request, context)
            }
            if access.verb == "get" {
                guard visible.contains(access.name) else { throw Self.denied }
                return try await next(request, context)
            }
            let namespaces = try await store.resources(Namespace.self, namespace: nil).filter {
                visible.contains($0.name)
            }
            return try APIRoutes.json(namespaces)
        }
        guard try await authorizer.allows(principal, access) else {
            context.logger.debug(
                "request denied", metadata: ["user": "\(principal.username)", "access": "\(access)"])
            throw Self.denied
        }
        return try await next(request, context)
    }
}
