/// Why a `/write` to InfluxDB failed.
public struct InfluxWriteError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable {
        /// The request did not get an answer (connection refused, DNS, TLS, timeout); the client's message.
        case unreachable(String)
        /// InfluxDB answered with a non-2xx status; `message` is its `error` field (or the raw body).
        case rejected(status: Int, phrase: String, message: String)
    }

    /// The write URL (it carries no credentials: those go in the `Authorization` header).
    public var url: String
    /// What went wrong.
    public var reason: Reason

    /// Creates an error.
    public init(url: String, reason: Reason) {
        self.url = url
        self.reason = reason
    }

    /// A message naming the URL and the reason.
    public var description: String {
        switch reason {
        case .unreachable(let detail):
            return "cannot reach InfluxDB at \(url): \(detail)"
        case .rejected(let status, let phrase, let message):
            return "InfluxDB at \(url) answered \(status) \(phrase): \(message)"
        }
    }
}
