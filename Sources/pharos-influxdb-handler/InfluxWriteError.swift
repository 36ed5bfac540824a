/// Why a `/write` to InfluxDB failed.
struct InfluxWriteError: Error, CustomStringConvertible {
    enum Reason {
        /// The request did not get an answer (connection refused, DNS, TLS, timeout); the client's message.
        case unreachable(String)
        /// InfluxDB answered with a non-2xx status; `message` is its `error` field (or the raw body).
        case rejected(status: Int, phrase: String, message: String)
    }

    /// The write URL (it carries no credentials: those go in the `Authorization` header).
    var url: String
    var reason: Reason

    var description: String {
        switch reason {
        case .unreachable(let detail):
            return "cannot reach InfluxDB at \(url): \(detail)"
        case .rejected(let status, let phrase, let message):
            return "InfluxDB at \(url) answered \(status) \(phrase): \(message)"
        }
    }
}
