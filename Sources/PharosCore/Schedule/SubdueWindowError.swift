/// Why a `subdues` window was rejected by `SubdueWindow.validate()`; `description` names the field and value.
public struct SubdueWindowError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A one-line message safe to show to the user, e.g.
    /// `subdues: begin "2026-13-01T00:00:00Z" is not an RFC 3339 time such as 2026-01-02T15:04:05Z`.
    public let description: String
    /// The JSON field at fault: `begin`, `end` or `repeat`.
    public let field: String

    init(_ description: String, field: String) {
        self.description = description
        self.field = field
    }
}
