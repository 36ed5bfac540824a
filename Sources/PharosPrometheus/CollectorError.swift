/// Why a collector run failed. Each description is one line, safe to show as check output (no credentials).
public enum CollectorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The URL given is not an `http`/`https` URL with a host: the flag and the text.
    case invalidURL(flag: String, url: String)
    /// A TLS file (certificate, key or CA) could not be loaded: the flag, the path and the reason.
    case tlsFile(flag: String, path: String, reason: String)
    /// The HTTP request failed before an answer: the URL and the reason (connection refused, timeout, TLS).
    case unreachable(url: String, reason: String)
    /// The server answered with a status other than 200: the URL, the status and the start of the body.
    case httpStatus(url: String, status: Int, reason: String, body: String)
    /// The exporter's body is not the Prometheus text format: the first bad line (`line N, column C: …`).
    case unparsableBody(String)
    /// The Prometheus query API answered something the collector cannot use: what was wrong.
    case badQueryResponse(String)
    /// The Prometheus query API reported an error: its `errorType` and `error`.
    case queryFailed(type: String, message: String)

    /// One line for the check output.
    public var description: String {
        switch self {
        case .invalidURL(let flag, let url):
            return "-\(flag) must be an http:// or https:// URL with a host (got '\(url)')"
        case .tlsFile(let flag, let path, let reason):
            return "-\(flag) \(path): \(reason)"
        case .unreachable(let url, let reason):
            return "scrape of \(url) failed: \(reason)"
        case .httpStatus(let url, let status, let reason, let body):
            let excerpt = body.isEmpty ? "" : ": \(body)"
            return "scrape of \(url) failed: HTTP \(status) \(reason)\(excerpt)"
        case .unparsableBody(let detail):
            return "the exporter's answer is not Prometheus text format: \(detail)"
        case .badQueryResponse(let detail):
            return "the Prometheus query API answered unexpectedly: \(detail)"
        case .queryFailed(let type, let message):
            return "the Prometheus query failed: \(type): \(message)"
        }
    }

    /// The process exit status for this error: 3 (UNKNOWN) for a configuration mistake, 2 (CRITICAL) for a failed
    /// scrape, as sensu-prometheus-collector.
    public var exitStatus: Int32 {
        switch self {
        case .invalidURL, .tlsFile: return 3
        default: return 2
        }
    }
}
