extension Role {
    /// Validates the role: name and rules (see `RoleRule.validate()`).
    /// - Throws: `ValidationError` naming the first invalid field.
    public func validate() throws(ValidationError) {
        try ResourceValidation.metadata(metadata)
        try RoleRule.validate(rules)
    }
}
