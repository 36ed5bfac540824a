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
    /// Checks a handshake: Basic credentials of an enabled user, then RBAC permission to create events in the
    /// handshake's namespace (as Sensu Go agentd), then an agent name and an existing namespace.
    /// - Returns: The handshake values and the user name.
    /// - Throws: `AgentHandshakeError` (401 missing/bad credentials, 403 not allowed to create events there, 400 no
    ///   agent name, 404 unknown namespace, 500 store failure).
    nonisolated func checkHandshake(_ headers: HTTPFields) async throws(AgentHandshakeError) -> (AgentHandshake, String)
    {
        let handshake = AgentHandshake { name in
            guard let field = HTTPFields.Element.Name(name) else { return nil }
            return headers[field]
        }
        guard let header = headers[.authorization] else { throw .missingCredentials }
        guard let credentials = BasicCredentials(authorization: header) else { throw .badCredentials }
        do {
            guard let user = try await users.authenticate(credentials) else { throw AgentHandshakeError.badCredentials }
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
}
