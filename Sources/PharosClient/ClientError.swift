/// A failed API request: the server answered with a non-2xx status, could not be reached, or sent a body the
/// client cannot read.
///
/// `description` is one line a user can read, e.g. `namespace "x" not found (code 2, HTTP 404)` or
/// `cannot reach http://127.0.0.1:8080/auth: connection refused`.
public struct ClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Hashable {
        /// The server answered with a non-2xx HTTP `status`; `message` and `code` come from its error body
        /// `{"message", "code"}` (Sensu error codes, reference §2.3), `code` is `nil` when the body had none.
        case server(status: Int, message: String, code: Int?)
        /// No answer from `url`: connection refused, DNS failure, TLS failure or timeout; `reason` says which.
        case connection(url: String, reason: String)
        /// The answer from `url` could not be decoded; `reason` names what was expected.
        case invalidResponse(url: String, reason: String)
        /// The request could not be built, e.g. the API URL is not a valid `http(s)://` URL.
        case invalidRequest(reason: String)
    }

    /// What went wrong.
    public var kind: Kind

    /// Creates an error.
    public init(_ kind: Kind) {
        self.kind = kind
    }

    /// The HTTP status when the server answered, else `nil`.
    public var httpStatus: Int? {
        if case .server(let status, _, _) = kind { return status }
        return nil
    }

    /// The Sensu error code from the server's error body, if any.
    public var code: Int? {
        if case .server(_, _, let code) = kind { return code }
        return nil
    }

    /// One line: `<message> (code N, HTTP S)` for server errors, `cannot reach <url>: <reason>` for connection
    /// failures.
    public var description: String {
        switch kind {
        case .server(let status, let message, let code):
            if let code { return "\(message) (code \(code), HTTP \(status))" }
            return "\(message) (HTTP \(status))"
        case .connection(let url, let reason):
            return "cannot reach \(url): \(reason)"
        case .invalidResponse(let url, let reason):
            return "unexpected answer from \(url): \(reason)"
        case .invalidRequest(let reason):
            return reason
        }
    }
}
