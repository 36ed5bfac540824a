public import PharosCore

/// Delivers check requests to connected agents (the agent gateway implements it; the scheduler calls it).
public protocol CheckRequestPublisher: Sendable {
    /// Sends `request` to every agent of `namespace` connected to this backend whose subscriptions contain
    /// `subscription` (round robin: the caller passes `entity:<agent>`). Returns the number of agents it reached.
    @discardableResult
    func publish(_ request: CheckRequest, namespace: String, subscription: String) async -> Int
}
