/// The value of one selectable field of a resource: a single string (`check.name`, `event.check.status` as
/// `"2"`) or a list (`check.subscriptions`).
public enum SelectorField: Sendable, Hashable {
    /// A single value (numbers and booleans written as in JSON: `2`, `true`).
    case scalar(String)
    /// A list of values.
    case list([String])
}
