extension RoleRule {
    /// The verbs a rule may grant.
    public static let verbs: Set<String> = ["get", "list", "create", "update", "delete", "*"]

    /// Validates the rule: at least one verb, each known, and at least one resource.
    /// - Throws: `ValidationError` with a field relative to the rule (`verbs[0]`).
    public func validate() throws(ValidationError) {
        if verbs.isEmpty { throw ValidationError(field: "verbs", message: "must contain at least one verb") }
        for (index, verb) in verbs.enumerated() where !Self.verbs.contains(verb) {
            throw ValidationError(
                field: "verbs[\(index)]", message: "\"\(verb)\" is not one of get, list, create, update, delete, *")
        }
        if resources.isEmpty {
            throw ValidationError(field: "resources", message: "must contain at least one resource")
        }
    }

    /// Validates a list of rules, naming the failing one as `rules[i]`.
    static func validate(_ rules: [RoleRule]) throws(ValidationError) {
        for (index, rule) in rules.enumerated() {
            do { try rule.validate() } catch { throw error.prefixed("rules[\(index)]") }
        }
    }
}
