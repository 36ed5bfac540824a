import PharosCore

extension AgentConfiguration: CustomStringConvertible, CustomDebugStringConvertible {
    /// The settings with the password and the redacted labels and annotations replaced by `REDACTED`, safe to log.
    public var description: String {
        "AgentConfiguration(name: \(name), namespace: \(namespace), backendURLs: \(backendURLs), "
            + "subscriptions: \(subscriptions), deregister: \(deregister), keepaliveInterval: \(keepaliveInterval), "
            + "keepaliveTimeout: \(keepaliveTimeout), user: \(user), password: REDACTED, logLevel: \(logLevel), "
            + "insecureSkipTLSVerify: \(insecureSkipTLSVerify), trustedCAFile: \(trustedCAFile), "
            + "cacheDirectory: \(cacheDirectory), labels: \(Self.redacting(labels, keys: redact)), "
            + "annotations: \(Self.redacting(annotations, keys: redact)))"
    }

    /// `values` with the values of the keys in `keys` (or Sensu's default keys when empty) replaced by
    /// `REDACTED`, keys compared case-insensitively, sorted by key. The service group logs the connection (and so
    /// this configuration) at debug level: redacted labels must not appear there (#18 item 17).
    static func redacting(_ values: [String: String], keys: [String]) -> [(String, String)] {
        let redacted = Set((keys.isEmpty ? Entity.defaultRedactedKeys : keys).map { $0.lowercased() })
        return values.sorted { $0.key < $1.key }.map { key, value in
            (key, redacted.contains(key.lowercased()) ? Entity.redactedValue : value)
        }
    }

    /// Same as ``description`` (never shows the password).
    public var debugDescription: String { description }
}
