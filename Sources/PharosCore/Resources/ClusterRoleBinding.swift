/// Grants a cluster role to users and groups in every namespace, as in Sensu Go `core/v2` `ClusterRoleBinding` (reference §1.15).
public struct ClusterRoleBinding: Sendable, Hashable, Codable, Resource {
    /// Name, labels and annotations.
    public var metadata: ObjectMeta
    /// Users and groups granted the role.
    public var subjects: [RoleSubject]
    /// The role granted.
    public var roleRef: RoleRef

    /// Creates a binding.
    public init(metadata: ObjectMeta = ObjectMeta(), subjects: [RoleSubject] = [], roleRef: RoleRef = RoleRef()) {
        self.metadata = metadata
        self.subjects = subjects
        self.roleRef = roleRef
    }

    /// REST collection `clusterrolebindings`, cluster-wide.
    public static var resourceType: ResourceType { .clusterRoleBinding }
    /// JSON field names of a binding.
    public static var fieldNames: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case subjects, metadata
        case roleRef = "role_ref"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try container.lenient(.metadata, ObjectMeta())
        subjects = try container.lenient(.subjects, [])
        roleRef = try container.lenient(.roleRef, RoleRef())
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeNilIfEmpty(subjects, forKey: .subjects)
        try container.encode(roleRef, forKey: .roleRef)
        try container.encode(metadata, forKey: .metadata)
    }
}
