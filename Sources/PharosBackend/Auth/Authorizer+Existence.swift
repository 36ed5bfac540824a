import PharosCore
import PharosStore

extension Authorizer {
    /// Whether the resource a request names exists (events by `entity/check`, entities by their config part,
    /// other types through the generic store methods); `true` for a type the store does not know, so such a
    /// request keeps its verb.
    /// - Throws: `StoreError` when the store fails.
    func exists(_ access: AccessRequest) async throws(StoreError) -> Bool {
        switch access.resource {
        case "events":
            let parts = access.name.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return true }
            return try await store.event(namespace: access.namespace, entity: parts[0], check: parts[1]) != nil
        case "entities":
            return try await store.entityConfig(namespace: access.namespace, name: access.name) != nil
        default:
            guard let type = ResourceType.allCases.first(where: { $0.collection == access.resource }) else {
                return true
            }
            return try await stored(
                type.modelType, namespace: type.isNamespaced ? access.namespace : "", name: access.name)
        }
    }

    private func stored<R: Resource>(_ type: R.Type, namespace: String, name: String) async throws(StoreError) -> Bool {
        try await store.resource(R.self, namespace: namespace, name: name) != nil
    }
}
