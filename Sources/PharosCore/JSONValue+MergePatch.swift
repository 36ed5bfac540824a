extension JSONValue {
    /// Applies a JSON merge patch (RFC 7386 §2): a patch object's members replace or (when `null`) remove the
    /// target's members, recursively; any other patch value replaces the target.
    /// - Parameter patch: The merge patch document.
    /// - Returns: The patched value.
    public func merged(with patch: JSONValue) -> JSONValue {
        guard case .object(let changes) = patch else { return patch }
        var members: [String: JSONValue]
        if case .object(let existing) = self { members = existing } else { members = [:] }
        for (key, change) in changes {
            if change == .null {
                members.removeValue(forKey: key)
            } else {
                members[key] = (members[key] ?? .null).merged(with: change)
            }
        }
        return .object(members)
    }
}
