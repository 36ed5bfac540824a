/// Sensu's name syntax rules (reference §1.1). `\w` means the ASCII word characters `[0-9A-Za-z_]`, as in Go's
/// `regexp` package.
public enum NameRule: Sendable, Hashable {
    /// Resource names: `\A[\w\.\-\:]+\z` (Sensu Go `NameRegex`).
    case resource
    /// User names: `\A[a-z0-9\_\.\-]+\z`.
    case user
    /// Asset names: `[\w\/\_\.\-\:]+` (also allows `/`, for Bonsai names like `sensu/check-disk`).
    case asset
    /// Silence subscriptions: `\A[\w\.\-]+(\:?[\w\.\-]+)?\z` (one optional inner colon, e.g. `entity:web01`).
    case subscription

    /// Whether `name` satisfies the rule (the empty string never does).
    public func matches(_ name: String) -> Bool {
        guard !name.isEmpty else { return false }
        let scalars = name.unicodeScalars
        func isWord(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar {
            case "0"..."9", "a"..."z", "A"..."Z", "_": true
            default: false
            }
        }
        switch self {
        case .resource:
            return scalars.allSatisfy { isWord($0) || $0 == "." || $0 == "-" || $0 == ":" }
        case .user:
            return scalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "." || $0 == "-"
            }
        case .asset:
            return scalars.allSatisfy { isWord($0) || $0 == "." || $0 == "-" || $0 == ":" || $0 == "/" }
        case .subscription:
            let parts = name.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { return false }
            return parts.allSatisfy { part in
                !part.isEmpty && part.unicodeScalars.allSatisfy { isWord($0) || $0 == "." || $0 == "-" }
            }
        }
    }

    /// The rule as a readable pattern, used in error messages.
    public var pattern: String {
        switch self {
        case .resource: #"\A[\w\.\-\:]+\z"#
        case .user: #"\A[a-z0-9\_\.\-]+\z"#
        case .asset: #"\A[\w\/\_\.\-\:]+\z"#
        case .subscription: #"\A[\w\.\-]+(\:?[\w\.\-]+)?\z"#
        }
    }

    /// Checks `name` against the rule.
    /// - Parameter field: Path reported in the error, e.g. `metadata.name`.
    /// - Throws: `ValidationError` (`must not be empty`, or `"x" does not match <pattern>`).
    public func check(_ name: String, field: String) throws(ValidationError) {
        if name.isEmpty { throw ValidationError(field: field, message: "must not be empty") }
        if !matches(name) {
            throw ValidationError(field: field, message: "\"\(name)\" does not match \(pattern)")
        }
    }
}
