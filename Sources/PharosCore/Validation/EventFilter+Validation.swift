extension EventFilter {
    /// Validates the filter (reference §1.9): name, action `allow` or `deny`, at least one expression, no empty
    /// expression, every expression compiles (`FilterExpression`), and Kitchen-format times in `when`.
    /// - Throws: `ValidationError` naming the first invalid field.
    public func validate() throws(ValidationError) {
        try ResourceValidation.metadata(metadata)
        if action != "allow", action != "deny" {
            throw ValidationError(field: "action", message: "must be allow or deny, found \"\(action)\"")
        }
        if expressions.isEmpty {
            throw ValidationError(field: "expressions", message: "must contain at least one expression")
        }
        try ResourceValidation.nonEmptyEntries(expressions, field: "expressions")
        for (index, source) in expressions.enumerated() {
            do {
                _ = try FilterExpression(source)
            } catch {
                throw ValidationError(field: "expressions[\(index)]", message: error.description)
            }
        }
        if let when { try ResourceValidation.timeWindow(when, field: "when") }
    }
}
