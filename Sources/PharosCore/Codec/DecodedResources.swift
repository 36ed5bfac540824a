/// The result of decoding resource documents: the resources in input order and the warnings about them.
public struct DecodedResources: Sendable, Hashable {
    /// The decoded (and, unless disabled, validated) resources, in input order.
    public var resources: [AnyResource]
    /// Non-fatal problems, e.g. unknown keys inside `spec`.
    public var warnings: [ResourceDiagnostic]

    /// Creates a result.
    public init(resources: [AnyResource] = [], warnings: [ResourceDiagnostic] = []) {
        self.resources = resources
        self.warnings = warnings
    }
}
