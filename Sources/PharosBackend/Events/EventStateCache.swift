/// A component that caches the latest event per key and must forget it when events are deleted outside it
/// (REST `DELETE`, de-registration).
public protocol EventStateCache: Sendable {
    /// Forgets the cached events of an entity (`check: nil`) or of one (entity, check).
    func forget(namespace: String, entity: String, check: String?) async
}
