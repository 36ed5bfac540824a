extension Entity {
    /// Validates the entity (reference §1.12): name, an entity class matching the name rule, non-empty
    /// subscriptions, and no `deregister: true` on a proxy entity (de-registration happens when an agent stops or
    /// its keepalive expires; a proxy entity has neither, so the flag would silently do nothing).
    /// - Throws: `ValidationError` naming the first invalid field.
    public func validate() throws(ValidationError) {
        try ResourceValidation.metadata(metadata)
        try NameRule.resource.check(entityClass, field: "entity_class")
        try ResourceValidation.nonEmptyEntries(subscriptions, field: "subscriptions")
        if deregister, entityClass == "proxy" {
            throw ValidationError(
                field: "deregister",
                message: "applies to agent entities only; a proxy entity is never de-registered (delete it instead)")
        }
    }
}
