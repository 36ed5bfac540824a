import Foundation

/// The options of a list request (reference §2.4): page size (`limit`) and the label and field selectors, sent
/// as query parameters; the server answers a partial page with the `Sensu-Continue` header.
public struct ListQuery: Sendable, Hashable {
    /// The response header carrying the opaque token of the next page.
    public static let continueHeader = "Sensu-Continue"
    /// Most pages one list follows before giving up (a server that never stops sending tokens).
    public static let maximumPages = 100_000

    /// Resources per page (`limit`); 0 asks for everything at once.
    public var chunkSize: Int
    /// A label selector, e.g. `region == eu && tier in (web, db)`; empty sends none.
    public var labelSelector: String
    /// A field selector, e.g. `check.status != 0`; empty sends none.
    public var fieldSelector: String

    /// Creates a query.
    /// - Parameters:
    ///   - chunkSize: Resources per page; 0 for no paging.
    ///   - labelSelector: The `labelSelector` parameter, or empty.
    ///   - fieldSelector: The `fieldSelector` parameter, or empty.
    public init(chunkSize: Int = 0, labelSelector: String = "", fieldSelector: String = "") {
        self.chunkSize = chunkSize
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
    }

    /// The query string for one page, starting with `?` (empty when there are no parameters).
    /// - Parameter continueToken: The token of the page to fetch, from the previous page's `Sensu-Continue`.
    public func queryString(continueToken: String?) -> String {
        var parameters: [(String, String)] = []
        if chunkSize > 0 { parameters.append(("limit", String(chunkSize))) }
        if let continueToken, chunkSize > 0 { parameters.append(("continue", continueToken)) }
        if !labelSelector.isEmpty { parameters.append(("labelSelector", labelSelector)) }
        if !fieldSelector.isEmpty { parameters.append(("fieldSelector", fieldSelector)) }
        guard !parameters.isEmpty else { return "" }
        return "?" + parameters.map { "\($0.0)=\(Self.escape($0.1))" }.joined(separator: "&")
    }

    /// Characters left as they are in a query parameter value (RFC 3986 unreserved).
    private static let valueCharacters = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~")

    private static func escape(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: valueCharacters) ?? value
    }
}
