extension Namespace {
    /// Validates the namespace name with the resource name rule.
    /// - Throws: `ValidationError` for field `name`.
    public func validate() throws(ValidationError) {
        try NameRule.resource.check(name, field: "name")
    }
}
