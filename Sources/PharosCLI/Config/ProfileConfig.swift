/// The `profile` file of the pharosctl config directory: the defaults for `--namespace` and `--format`, and the
/// user name logged in with (sensuctl's `profile`).
public struct ProfileConfig: Sendable, Hashable, Codable {
    /// The namespace commands use when `--namespace` is not given.
    public var namespace: String
    /// The output format commands use when `--format` is not given.
    public var format: OutputFormat
    /// The user `configure` logged in as; empty when unknown (older files, API keys).
    public var username: String

    /// Creates a profile.
    /// - Parameters:
    ///   - namespace: The default namespace (sensuctl: `default`).
    ///   - format: The default output format (sensuctl: `tabular`).
    ///   - username: The user logged in as.
    public init(namespace: String = "default", format: OutputFormat = .tabular, username: String = "") {
        self.namespace = namespace
        self.format = format
        self.username = username
    }

    /// Decodes a `profile` file; `username` may be missing.
    /// - Throws: `DecodingError` when `namespace` or `format` is missing or invalid.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        namespace = try container.decode(String.self, forKey: .namespace)
        format = try container.decode(OutputFormat.self, forKey: .format)
        username = try container.decodeIfPresent(String.self, forKey: .username) ?? ""
    }

    enum CodingKeys: String, CodingKey {
        case namespace, format, username
    }
}
