extension Check {
    /// Validates the definition part (see `CheckConfig.validate()`), except that a check result need not be
    /// publishable (ad hoc and proxy results) .
    /// - Throws: `ValidationError` naming the first invalid field.
    public func validate() throws(ValidationError) {
        var definition = config
        definition.publish = false
        try definition.validate()
    }
}
