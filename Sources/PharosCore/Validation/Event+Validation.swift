import Foundation

extension Event {
    /// Validates the event (reference §1.13): an entity, a check and/or metrics, no name in the metadata, a UUID
    /// `id` when set, and `core/v2` `Pipeline` references. The entity and check are validated too.
    /// - Throws: `ValidationError` naming the first invalid field (`entity.…`, `check.…`).
    public func validate() throws(ValidationError) {
        guard let entity else { throw ValidationError(field: "entity", message: "must be set") }
        do { try entity.validate() } catch { throw error.prefixed("entity") }
        if check == nil, metrics == nil {
            throw ValidationError(field: "check", message: "an event must contain a check or metrics")
        }
        if let check {
            do { try check.validate() } catch { throw error.prefixed("check") }
        }
        if !metadata.name.isEmpty {
            throw ValidationError(field: "metadata.name", message: "an event must not have a name")
        }
        if !metadata.namespace.isEmpty {
            try NameRule.resource.check(metadata.namespace, field: "metadata.namespace")
        }
        if !id.isEmpty, UUID(uuidString: id) == nil {
            throw ValidationError(field: "id", message: "\"\(id)\" is not a UUID")
        }
        try ResourceValidation.references(pipelines, type: "Pipeline", field: "pipelines")
    }
}
