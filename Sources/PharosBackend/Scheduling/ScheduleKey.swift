/// Identifies one scheduled check: its namespace and name.
public struct ScheduleKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The check's namespace.
    public var namespace: String
    /// The check's `metadata.name`.
    public var name: String

    /// Creates a key.
    public init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }

    public static func < (lhs: ScheduleKey, rhs: ScheduleKey) -> Bool {
        (lhs.namespace, lhs.name) < (rhs.namespace, rhs.name)
    }

    /// `namespace/name`.
    public var description: String { "\(namespace)/\(name)" }
}
