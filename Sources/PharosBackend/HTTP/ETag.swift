import Foundation
import PharosStore

/// Entity tags of stored resources (RFC 9110 §8.8.3): the quoted `ResourceVersion` (a 64-bit FNV-1a hash of the
/// resource's JSON with sorted keys), so equal content gives equal tags and the store can compare-and-swap on it. `If-Match` / `If-None-Match` compare against it (412 when the
/// precondition fails, reference §2.1).
enum ETag {
    /// The tag of `value`, e.g. `"9f86d081884c7d65"`.
    static func of(_ value: some Encodable) -> String {
        quoted(ResourceVersion.of(value))
    }

    /// A store `ResourceVersion` as an entity tag (quoted).
    static func quoted(_ version: String) -> String { "\"" + version + "\"" }

    /// Whether an `If-Match` / `If-None-Match` header value (`*` or a comma-separated list of tags, weak or
    /// strong) names `tag`.
    static func header(_ header: String, matches tag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            var text = candidate.trimmingCharacters(in: .whitespaces)
            if text == "*" { return true }
            if text.hasPrefix("W/") { text.removeFirst(2) }
            return text == tag
        }
    }
}
