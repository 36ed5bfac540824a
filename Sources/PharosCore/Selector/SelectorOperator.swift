/// An operator of a label or field selector (Sensu Go 7 `backend/selector` grammar, reference §2.4).
public enum SelectorOperator: String, Sendable, Hashable, CaseIterable {
    /// `key == value`: the field equals the value (a list field: contains it).
    case equal = "=="
    /// `key != value`: the field differs from the value (a list field: does not contain it).
    case notEqual = "!="
    /// `key in [a, b]` (the field is one of the values; a list field: shares one) or `value in key` (the list field
    /// contains the value).
    case `in` = "in"
    /// `key notin [a, b]` or `value notin key`: the negation of `in`.
    case notIn = "notin"
    /// `key matches value`: the field contains the value as a substring (a list field: one element does).
    case matches = "matches"
}
