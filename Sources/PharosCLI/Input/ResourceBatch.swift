public import PharosCore

/// The resources of all `create -f` inputs, decoded before anything is sent: sensuctl's all-or-nothing rule
/// (reference §1.2) — if any document of any input fails, nothing is stored.
public struct ResourceBatch: Sendable, Hashable {
    /// The label sensuctl puts on everything it creates (reference §1.2 step 7).
    public static let managedByLabel = "sensu.io/managed_by"
    /// The label's value for resources created by the CLI.
    public static let managedByValue = "sensuctl"

    /// The decoded resources in input order, labelled `sensu.io/managed_by: sensuctl`.
    public var resources: [AnyResource]
    /// Warnings, one line each, prefixed with the input's path: `checks.yaml: document 1 (line 9): spec.x: …`.
    public var warnings: [String]
    /// Errors, one line each, prefixed with the input's path; when not empty `resources` is empty.
    public var errors: [String]

    /// Decodes every input with `ResourceCodec(defaultNamespace: namespace)`.
    /// - Parameters:
    ///   - inputs: The inputs, in order.
    ///   - namespace: The current namespace, given to namespaced resources that name none.
    public init(decoding inputs: [ResourceInput], namespace: String) {
        let codec = ResourceCodec(defaultNamespace: namespace)
        var resources: [AnyResource] = []
        var warnings: [String] = []
        var errors: [String] = []
        for input in inputs {
            do {
                let decoded = try codec.decode(input.data)
                resources += decoded.resources
                warnings += decoded.warnings.map { "\(input.source): \($0)" }
            } catch {
                errors += error.diagnostics.map { "\(input.source): \($0)" }
            }
        }
        self.resources = errors.isEmpty ? resources.map(Self.labelled) : []
        self.warnings = warnings
        self.errors = errors
    }

    /// `resource` with the `sensu.io/managed_by: sensuctl` label, unless it already says `sensu-agent`.
    public static func labelled(_ resource: AnyResource) -> AnyResource {
        var result = resource
        var metadata = result.metadata
        guard metadata.labels[managedByLabel] != "sensu-agent" else { return result }
        metadata.labels[managedByLabel] = managedByValue
        result.metadata = metadata
        return result
    }
}
