public import PharosCore

/// One adhoc execution asked through `POST /api/core/v2/namespaces/{ns}/checks/{name}/execute` (reference §2.1,
/// §5.1): the stored check, the subscriptions to publish to (the check's own when empty) and the reason given.
public struct AdhocRequest: Sendable, Hashable {
    /// The check as stored when the request was made.
    public var check: CheckConfig
    /// Subscriptions overriding the check's (empty: the check's own).
    public var subscriptions: [String]
    /// Free text given by the requester (logged).
    public var reason: String

    /// Creates a request.
    public init(check: CheckConfig, subscriptions: [String] = [], reason: String = "") {
        self.check = check
        self.subscriptions = subscriptions
        self.reason = reason
    }
}
