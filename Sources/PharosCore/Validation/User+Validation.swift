extension User {
    /// Validates the user (reference §1.15): a user name matching the strict user rule and, when a clear-text
    /// password is given, at least 8 characters.
    /// - Throws: `ValidationError` naming the first invalid field.
    public func validate() throws(ValidationError) {
        try NameRule.user.check(username, field: "username")
        if !password.isEmpty, password.count < 8 {
            throw ValidationError(field: "password", message: "must be at least 8 characters")
        }
    }
}
