/// Metadata every stored resource carries (`name`, `namespace`, `labels`, `annotations`, `created_by`), as in
/// Sensu Go `core/v2` `ObjectMeta`.
///
/// Every field is `omitempty` on the wire: empty strings and empty maps are left out, missing or `null` fields
/// decode as empty (reference §1.3).
public struct ObjectMeta: Sendable, Hashable, Codable {
    /// Resource name, unique within its namespace (and resource type).
    public var name: String
    /// Namespace of the resource; empty for cluster-wide resources.
    public var namespace: String
    /// Labels usable in filters, token substitution and selectors.
    public var labels: [String: String]
    /// Free-form annotations stored with the resource.
    public var annotations: [String: String]
    /// Name of the user that created or last updated the resource (set by the server).
    public var createdBy: String

    /// Creates metadata; every argument defaults to empty.
    public init(
        name: String = "", namespace: String = "", labels: [String: String] = [:],
        annotations: [String: String] = [:], createdBy: String = ""
    ) {
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.annotations = annotations
        self.createdBy = createdBy
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, namespace, labels, annotations
        case createdBy = "created_by"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.lenient(.name, "")
        namespace = try container.lenient(.namespace, "")
        labels = try container.lenient(.labels, [:])
        annotations = try container.lenient(.annotations, [:])
        createdBy = try container.lenient(.createdBy, "")
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeOmitEmpty(name, forKey: .name)
        try container.encodeOmitEmpty(namespace, forKey: .namespace)
        try container.encodeOmitEmpty(labels, forKey: .labels)
        try container.encodeOmitEmpty(annotations, forKey: .annotations)
        try container.encodeOmitEmpty(createdBy, forKey: .createdBy)
    }

    /// Merges envelope (outer) metadata over this (inner) metadata the way Sensu's wrapper does: a non-empty outer
    /// `name`, `namespace` or `created_by` replaces the inner one, and outer labels/annotations are merged over the
    /// inner ones (the outer value wins for a key present in both). Source: Sensu Go `types/wrapper.go`.
    /// - Parameter outer: The `metadata` of the wrapped document.
    /// - Returns: The merged metadata.
    public func merging(outer: ObjectMeta) -> ObjectMeta {
        var merged = self
        if !outer.name.isEmpty { merged.name = outer.name }
        if !outer.namespace.isEmpty { merged.namespace = outer.namespace }
        if !outer.createdBy.isEmpty { merged.createdBy = outer.createdBy }
        merged.labels.merge(outer.labels) { _, outerValue in outerValue }
        merged.annotations.merge(outer.annotations) { _, outerValue in outerValue }
        return merged
    }
}
