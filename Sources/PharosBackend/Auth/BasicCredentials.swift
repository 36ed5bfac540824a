import Foundation

/// A username and password from an `Authorization: Basic base64(user:password)` header (RFC 7617).
public struct BasicCredentials: Sendable, Hashable {
    /// The username (before the first `:`).
    public var username: String
    /// The password (after the first `:`).
    public var password: String

    /// Creates credentials.
    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    /// Parses an `Authorization` header value; `nil` when it is not Basic, not base64 or has no `:`.
    public init?(authorization header: String?) {
        guard let header, header.count > 6, header.prefix(6).lowercased() == "basic " else { return nil }
        let encoded = header.dropFirst(6).trimmingCharacters(in: .whitespaces)
        guard let data = Data(base64Encoded: encoded), let text = String(data: data, encoding: .utf8),
            let colon = text.firstIndex(of: ":")
        else { return nil }
        username = String(text[..<colon])
        password = String(text[text.index(after: colon)...])
    }

    /// The `Authorization` header value, `Basic base64(user:password)`.
    public var headerValue: String {
        "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
    }
}
