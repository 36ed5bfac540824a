/// A namespace (`{"name"}`), as in Sensu Go `core/v2` `Namespace`. Cluster-wide; it has no `ObjectMeta` on the
/// wire, so `metadata` is derived from `name` (reference §1.1, §1.15).
public struct Namespace: Sendable, Hashable, Codable, Resource {
    /// Namespace name.
    public var name: String

    /// Creates a namespace.
    public init(name: String) {
        self.name = name
    }

    /// `ObjectMeta(name: name)`; setting it copies a non-empty `name` back.
    public var metadata: ObjectMeta {
        get { ObjectMeta(name: name) }
        set { if !newValue.name.isEmpty { name = newValue.name } }
    }

    /// `namespace`, REST collection `namespaces`, cluster-wide.
    public static var resourceType: ResourceType { .namespace }
    /// JSON field names of a namespace.
    public static var fieldNames: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }

    enum CodingKeys: String, CodingKey, CaseIterable { case name }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.lenient(.name, "")
    }
}
