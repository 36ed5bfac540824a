extension APIKey {
    /// Validates the API key: a name (the key) and a user name.
    /// - Throws: `ValidationError` naming the first invalid field.
    public func validate() throws(ValidationError) {
        try ResourceValidation.metadata(metadata)
        try NameRule.user.check(username, field: "username")
    }
}
