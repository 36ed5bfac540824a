public import PharosCore

/// Delivers check requests to connected agents (the agent gateway implements it; the scheduler calls it).
public protocol CheckRequestPublisher: Sendable {
    /// Sends `request` to every agent of `namespace` connected to this backend whose subscriptions contain
    /// `subscription` (round robin: the caller passes `entity:<agent>`). Returns the number of agents it reached.
    @discardableResult
    func publish(_ request: CheckRequest, namespace: String, subscription: String) async -> Int

    /// The names of the agents of `namespace` connected to this backend whose subscriptions contain
    /// `subscription`, sorted (the members of a round-robin ring).
    func subscribers(namespace: String, subscription: String) async -> [String]
}

extension CheckRequestPublisher {
    /// No subscribers known: round-robin checks reach nobody.
    public func subscribers(namespace: String, subscription: String) async -> [String] { [] }
}
