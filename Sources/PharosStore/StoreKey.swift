/// The listing keys of the store's keyset paging: the parts of an item's address joined by NUL, compared as UTF-8
/// bytes, which orders them like the tuple of parts (`(namespace, name)`; events `(namespace, entity, check)`).
/// The REST API's `continue` tokens carry these keys.
public enum StoreKey {
    /// `parts` joined by NUL.
    public static func make(_ parts: String...) -> String { parts.joined(separator: "\u{0}") }

    /// The parts of a key (split at NUL).
    public static func parts(_ key: String) -> [String] {
        key.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
    }

    /// Whether `key` sorts strictly after `cursor` (UTF-8 byte order); always true without a cursor.
    public static func isAfter(_ key: String, _ cursor: String?) -> Bool {
        guard let cursor else { return true }
        return cursor.utf8.lexicographicallyPrecedes(key.utf8)
    }

    /// Whether `lhs` sorts before `rhs` (UTF-8 byte order).
    public static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }
}
