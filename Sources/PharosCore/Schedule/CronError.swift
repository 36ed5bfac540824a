/// Why a cron expression was rejected; `description` names the field and the offending token.
///
/// Example: `cron field 2 (hour): 25 is out of range 0-23`.
public struct CronError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A one-line message that is safe to show to the user who wrote the expression.
    public let description: String
    /// The 1-based field the error is about (1 minute, 2 hour, 3 day-of-month, 4 month, 5 day-of-week),
    /// or `nil` when it is about the whole expression (field count, descriptor, time zone).
    public let field: Int?
    /// The token that was rejected, when there is one.
    public let token: String?

    init(_ description: String, field: Int? = nil, token: String? = nil) {
        self.description = description
        self.field = field
        self.token = token
    }
}
