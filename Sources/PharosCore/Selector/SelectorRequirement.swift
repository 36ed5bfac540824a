/// One `key <operator> value(s)` clause of a selector.
public struct SelectorRequirement: Sendable, Hashable {
    /// The field (`check.name`, `labels.region`) or, in a label selector, the label name.
    public var key: String
    /// The comparison.
    public var op: SelectorOperator
    /// The values compared with: one for `==`, `!=`, `matches`; the list for `in`/`notin`.
    public var values: [String]

    /// Creates a requirement.
    public init(key: String, op: SelectorOperator, values: [String]) {
        self.key = key
        self.op = op
        self.values = values
    }

    /// Whether a field value satisfies the requirement; `nil` means the field (e.g. a label) is absent, which only
    /// `!=` and `notin` accept.
    public func matches(_ field: SelectorField?) -> Bool {
        guard let field else { return op == .notEqual || op == .notIn }
        let candidates: [String]
        switch field {
        case .scalar(let value): candidates = [value]
        case .list(let elements): candidates = elements
        }
        switch op {
        case .equal, .in: return candidates.contains { values.contains($0) }
        case .notEqual, .notIn: return !candidates.contains { values.contains($0) }
        case .matches: return candidates.contains { candidate in values.contains { candidate.contains($0) } }
        }
    }
}
