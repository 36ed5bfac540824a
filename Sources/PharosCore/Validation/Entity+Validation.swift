extension Entity {
    /// Validates the entity (reference §1.12): name, an entity class matching the name rule and non-empty
    /// subscriptions.
    /// - Throws: `ValidationError` naming the first invalid field.
    public func validate() throws(ValidationError) {
        try ResourceValidation.metadata(metadata)
        try NameRule.resource.check(entityClass, field: "entity_class")
        try ResourceValidation.nonEmptyEntries(subscriptions, field: "subscriptions")
    }
}
