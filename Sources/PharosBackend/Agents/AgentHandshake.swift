import PharosWire

/// The values of an agent's WebSocket handshake request (reference §3.1).
struct AgentHandshake: Sendable, Hashable {
    /// `Sensu-AgentName`.
    var agent: String
    /// `Sensu-Namespace` (default `default`).
    var namespace: String
    /// `Sensu-Subscriptions`, comma separated, trimmed, without empties.
    var subscriptions: [String]

    /// Reads the handshake headers with `value(name)`.
    init(header value: (String) -> String?) {
        agent = value(HandshakeHeader.agentName)?.trimmingWhitespace ?? ""
        let namespace = value(HandshakeHeader.namespace)?.trimmingWhitespace ?? ""
        self.namespace = namespace.isEmpty ? "default" : namespace
        subscriptions = (value(HandshakeHeader.subscriptions) ?? "")
            .split(separator: ",").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    fileprivate var trimmingWhitespace: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
