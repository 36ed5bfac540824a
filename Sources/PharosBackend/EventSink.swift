public import PharosCore

/// Where the agent gateway, the keepalive monitor, the TTL monitor and the events API hand events for processing
/// (the `EventProcessor` implements it: validate, proxy attribution, silencing, state merge, store, pipeline).
public protocol EventSink: Sendable {
    /// Processes one event. Never throws: failures are logged and counted by the implementation.
    func process(_ event: Event) async
}
