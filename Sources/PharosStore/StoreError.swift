/// An error from a `Store`. `description` is safe to show an API caller; `debugDescription` may hold driver detail.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The kinds of store failure; each maps to one REST error code.
    public enum Kind: Sendable, Hashable {
        /// The resource to create exists already (REST 409).
        case alreadyExists
        /// The resource addressed does not exist (REST 404).
        case notFound
        /// The value cannot be stored as given (REST 400).
        case invalid
        /// A conditional write found the stored value changed (compare-and-swap; the API answers 412 to an
        /// `If-Match` request, 409 otherwise).
        case conflict
        /// The database failed (REST 500; detail only in `debugDescription`).
        case internalError
    }

    /// What kind of failure this is.
    public var kind: Kind
    /// A message safe to show a user.
    public var description: String
    /// Detail for logs (may include driver messages).
    public var debugDescription: String

    /// Creates a store error.
    public init(_ kind: Kind, _ description: String, debug: String? = nil) {
        self.kind = kind
        self.description = description
        self.debugDescription = debug ?? description
    }

    /// `<type> "<namespace>/<name>" already exists`.
    public static func alreadyExists(_ type: String, namespace: String, name: String) -> StoreError {
        StoreError(.alreadyExists, "\(type) \"\(qualified(namespace, name))\" already exists")
    }

    /// `<type> "<namespace>/<name>" not found`.
    public static func notFound(_ type: String, namespace: String, name: String) -> StoreError {
        StoreError(.notFound, "\(type) \"\(qualified(namespace, name))\" not found")
    }

    /// `<type> "<namespace>/<name>" was changed concurrently`.
    public static func conflict(_ type: String, namespace: String, name: String) -> StoreError {
        StoreError(.conflict, "\(type) \"\(qualified(namespace, name))\" was changed concurrently")
    }

    private static func qualified(_ namespace: String, _ name: String) -> String {
        namespace.isEmpty ? name : "\(namespace)/\(name)"
    }
}
