/// A secret to expose to a command as an environment variable (`{"name","secret"}`), as in Sensu Go `core/v2`
/// `Secret`. Secrets providers are a commercial Sensu feature; Pharos keeps the field for compatibility.
public struct SecretReference: Sendable, Hashable, Codable {
    /// Environment variable name the command sees.
    public var name: String
    /// Name of the secret resource that holds the value.
    public var secret: String

    /// Creates a secret reference.
    public init(name: String, secret: String) {
        self.name = name
        self.secret = secret
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case name, secret }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.lenient(.name, "")
        secret = try container.lenient(.secret, "")
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeOmitEmpty(name, forKey: .name)
        try container.encodeOmitEmpty(secret, forKey: .secret)
    }
}
