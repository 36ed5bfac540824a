import Hummingbird
import Logging
import PharosCore
import PharosStore
import PharosWire

/// Why a handshake was refused; answered as plain text with the status (reference §3.1).
struct AgentHandshakeError: Error, HTTPResponseError {
    var status: HTTPResponse.Status
    var message: String

    static let missingCredentials = AgentHandshakeError(status: .unauthorized, message: "missing credentials")
    static let badCredentials = AgentHandshakeError(status: .unauthorized, message: "bad credentials")
    /// The user may not create events in the namespace (Sensu Go agentd answers 403 `Forbidden`).
    static let forbidden = AgentHandshakeError(status: .forbidden, message: "Forbidden")

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: message)))
    }
}

extension AgentGateway {
    /// Checks a handshake: the user (the common name of a verified client certificate under mTLS, else Basic
    /// credentials) must exist and be enabled, then RBAC permission to create events in the handshake's namespace
    /// (as Sensu Go agentd), then an agent name and an existing namespace.
    /// - Parameters:
    ///   - headers: The upgrade request's headers.
    ///   - certificateUser: The subject common name of the agent's verified client certificate (mTLS), or `nil`
    ///     when the connection has none; when set, the `Authorization` header is ignored.
    /// - Returns: The handshake values and the user name.
    /// - Throws: `AgentHandshakeError` (401 missing/bad credentials or unknown/disabled certificate user, 403 not
    ///   allowed to create events there, 400 no agent name, 404 unknown namespace, 500 store failure).
    nonisolated func checkHandshake(
        _ headers: HTTPFields, certificateUser: String? = nil
    ) async throws(AgentHandshakeError) -> (AgentHandshake, String) {
        let handshake = AgentHandshake { name in
            guard let field = HTTPFields.Element.Name(name) else { return nil }
            return headers[field]
        }
        do {
            let user = try await authenticatedUser(headers, certificateUser: certificateUser)
            let access = AccessRequest(
                verb: "create", resource: "events", namespace: handshake.namespace, name: handshake.agent)
            guard try await Authorizer(store: store).allows(Principal(user: user), access) else {
                logger.info(
                    "agent refused: may not create events",
                    metadata: ["user": "\(user.username)", "namespace": "\(handshake.namespace)"])
                throw AgentHandshakeError.forbidden
            }
            guard !handshake.agent.isEmpty else {
                throw AgentHandshakeError(status: .badRequest, message: "missing \(HandshakeHeader.agentName) header")
            }
            guard try await store.resource(Namespace.self, namespace: "", name: handshake.namespace) != nil else {
                throw AgentHandshakeError(
                    status: .notFound, message: "namespace \"\(handshake.namespace)\" not found")
            }
            return (handshake, user.username)
        } catch let error as AgentHandshakeError {
            throw error
        } catch {
            logger.error("agent handshake failed", metadata: ["error": "\(error)"])
            throw AgentHandshakeError(status: .internalServerError, message: "internal error")
        }
    }

    /// The enabled user named by the client certificate, or by the Basic credentials.
    private nonisolated func authenticatedUser(_ headers: HTTPFields, certificateUser: String?) async throws -> User {
        if let certificateUser {
            guard !certificateUser.isEmpty, let user = try await users.activeUser(certificateUser) else {
                logger.info(
                    "agent refused: certificate user unknown or disabled", metadata: ["user": "\(certificateUser)"])
                throw AgentHandshakeError(
                    status: .unauthorized,
                    message: "client certificate user \"\(certificateUser)\" does not exist or is disabled")
            }
            return user
        }
        guard let header = headers[.authorization] else { throw AgentHandshakeError.missingCredentials }
        guard let credentials = BasicCredentials(authorization: header) else {
            throw AgentHandshakeError.badCredentials
        }
        guard let user = try await users.authenticate(credentials) else { throw AgentHandshakeError.badCredentials }
        return user
    }
}
