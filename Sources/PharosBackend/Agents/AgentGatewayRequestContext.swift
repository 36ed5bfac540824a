import Hummingbird
import NIOCore

/// The context of a plain (non-upgrade) request to the agent gateway: Hummingbird's core storage plus the
/// connection, so the handshake check can read an agent's client certificate (mTLS) there too.
struct AgentGatewayRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The request's connection (its TLS handler holds the client certificate).
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
