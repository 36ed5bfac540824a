extension Silenced {
    /// Validates the silence (reference §1.14): a subscription or a check (not both `*`), a valid subscription
    /// and check name, and a name that is empty or equal to `derivedName`.
    /// - Throws: `ValidationError` naming the first invalid field.
    public func validate() throws(ValidationError) {
        let anySubscription = subscription.isEmpty || subscription == "*"
        let anyCheck = check.isEmpty || check == "*"
        if subscription.isEmpty, check.isEmpty {
            throw ValidationError(field: "subscription", message: "a subscription or a check must be provided")
        }
        if anySubscription, anyCheck {
            throw ValidationError(field: "subscription", message: "subscription and check must not both be *")
        }
        if !anySubscription { try NameRule.subscription.check(subscription, field: "subscription") }
        if !anyCheck { try NameRule.resource.check(check, field: "check") }
        if !metadata.name.isEmpty, metadata.name != derivedName {
            throw ValidationError(
                field: "metadata.name",
                message: "must be \"\(derivedName)\" (subscription:check), found \"\(metadata.name)\"")
        }
        if !metadata.namespace.isEmpty {
            try NameRule.resource.check(metadata.namespace, field: "metadata.namespace")
        }
        if expire < -1 { throw ValidationError(field: "expire", message: "must be -1 or more") }
    }
}
