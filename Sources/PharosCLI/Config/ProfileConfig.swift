/// The `profile` file of the pharosctl config directory: the defaults for `--namespace` and `--format`.
public struct ProfileConfig: Sendable, Hashable, Codable {
    /// The namespace commands use when `--namespace` is not given.
    public var namespace: String
    /// The output format commands use when `--format` is not given.
    public var format: OutputFormat

    /// Creates a profile.
    /// - Parameters:
    ///   - namespace: The default namespace (sensuctl: `default`).
    ///   - format: The default output format (sensuctl: `tabular`).
    public init(namespace: String = "default", format: OutputFormat = .tabular) {
        self.namespace = namespace
        self.format = format
    }
}
