public import PharosCore

/// Where the agent gateway, the keepalive monitor, the TTL monitor and the events API hand events for processing
/// (the `EventProcessor` implements it: validate, proxy attribution, silencing, state merge, store, pipeline — one
/// key's events in arrival order).
public protocol EventSink: Sendable {
    /// Processes one event. Never throws: failures are logged and counted by the implementation.
    func process(_ event: Event) async

    /// Hands an event that is not stored (registration, deregistration, resolution copies) to the pipeline, after
    /// the events of its `(namespace, entity, check)` received before it.
    func forward(_ event: Event) async

    /// Forgets what is cached about an entity's events (`check: nil`) or one (entity, check)'s, after they were
    /// deleted elsewhere (REST `DELETE`, de-registration).
    func forget(namespace: String, entity: String, check: String?) async
}
