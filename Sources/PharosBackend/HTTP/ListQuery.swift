import Foundation
import Hummingbird
import PharosCore
import PharosStore
import PharosWire

/// The query of a list route (reference §2.4): `limit` (0 or absent = all), `continue` (the `Sensu-Continue` token
/// of the previous page), `fieldSelector` and `labelSelector`.
///
/// Pages are keyset pages: items are ordered by a key (namespace and name; events: namespace, entity and check —
/// the store's `StoreKey`) and the token encodes the last key returned, so a page never repeats or skips an item
/// that existed when the listing began, however many items are inserted or deleted meanwhile. The list routes ask
/// the store for one page (`Store.resourcePage` and friends, with `matches` as the filter), so a page never loads
/// the whole collection.
struct ListQuery: Sendable {
    /// Largest number of items per page; 0 means all.
    var limit: Int
    /// Key of the last item of the previous page.
    var after: String?
    /// Parsed `fieldSelector`.
    var fieldSelector: Selector?
    /// Parsed `labelSelector`.
    var labelSelector: Selector?

    /// The response header carrying the next page's token.
    static let continueHeader = HTTPFields.Element.Name("Sensu-Continue")

    /// Parses the query of `request` for a list of `type`.
    /// - Throws: `APIError` 400 naming the parameter (bad limit, token or selector, unknown field).
    init(_ request: Request, type: ResourceType) throws(APIError) {
        let parameters = Self.formParameters(request.uri.query ?? "")
        limit = 0
        if let text = parameters["limit"], !text.isEmpty {
            guard let value = Int(text), value >= 0 else {
                throw APIError(.invalidArgument, "limit: must be a whole number of 0 or more, not \"\(text)\"")
            }
            limit = value
        }
        after = nil
        if let token = parameters["continue"], !token.isEmpty {
            guard let key = Self.decodeToken(token) else {
                throw APIError(.invalidArgument, "continue: not a token returned in Sensu-Continue")
            }
            after = key
        }
        do {
            if let text = parameters["fieldSelector"], !text.isEmpty {
                let selector = try Selector(parsing: text, parameter: "fieldSelector")
                let known = SelectorFields.names(of: type)
                let prefix = SelectorFields.prefix(of: type)
                try selector.validateKeys(parameter: "fieldSelector", known: known) { key in
                    known.contains(key) || SelectorFields.labelName(in: key, prefix: prefix) != nil
                }
                fieldSelector = selector
            }
            if let text = parameters["labelSelector"], !text.isEmpty {
                labelSelector = try Selector(parsing: text, parameter: "labelSelector")
            }
        } catch {
            throw APIError(.invalidArgument, error.description)
        }
    }

    /// The query string's parameters decoded as `application/x-www-form-urlencoded` (`+` is a space, then
    /// percent-decoding), as HTTP clients such as Python `requests` encode them; the first of a repeated name wins.
    static func formParameters(_ query: String) -> [String: String] {
        var parameters: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let name = decode(parts[0])
            if parameters[name] == nil { parameters[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return parameters
    }

    /// Whether an item with these selector fields matches both selectors (`true` without selectors).
    func matches(_ fields: SelectorFields) -> Bool {
        guard fieldSelector != nil || labelSelector != nil else { return true }
        return fields.matches(fieldSelector: fieldSelector, labelSelector: labelSelector)
    }

    /// The page of a store listing as `(items, next token)`.
    static func response<T>(_ page: StorePage<T>) -> (items: [T], next: String?) {
        (page.items, page.next.map(encodeToken))
    }

    /// Shown items and the store's next key as `(items, next token)`.
    static func response<T>(_ items: [T], next: String?) -> (items: [T], next: String?) {
        (items, next.map(encodeToken))
    }

    /// One page of `items` already in memory: those matching the selectors, ordered by `key`, after the token's key, at most `limit`.
    /// - Returns: The page and the token of the next page (`nil` when this is the last).
    func page<T>(_ items: [T], key: (T) -> String, fields: (T) -> SelectorFields) -> (items: [T], next: String?) {
        var keyed = items.map { (key: key($0), item: $0) }
        if fieldSelector != nil || labelSelector != nil {
            keyed = keyed.filter { fields($0.item).matches(fieldSelector: fieldSelector, labelSelector: labelSelector) }
        }
        keyed.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        if let after {
            keyed = keyed.filter { after.utf8.lexicographicallyPrecedes($0.key.utf8) }
        }
        guard limit > 0, keyed.count > limit else { return (keyed.map(\.item), nil) }
        let page = keyed.prefix(limit)
        return (page.map(\.item), page.last.map { Self.encodeToken($0.key) })
    }

    /// The key of a stored resource: namespace and name joined by NUL (sorts like the pair).
    static func key(namespace: String, name: String) -> String { namespace + "\u{0}" + name }

    /// base64url without padding of the key (opaque to clients).
    static func encodeToken(_ key: String) -> String {
        Data(key.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The key in a token, or `nil` when it is not one.
    static func decodeToken(_ token: String) -> String? {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
