extension Pipeline {
    /// Validates the pipeline (reference §1.11): name, and per workflow a valid name, a `core/v2 Handler`
    /// reference, and `core/v2 EventFilter`/`Mutator` references.
    /// - Throws: `ValidationError` naming the first invalid field.
    public func validate() throws(ValidationError) {
        try ResourceValidation.metadata(metadata)
        for (index, workflow) in workflows.enumerated() {
            let field = "workflows[\(index)]"
            try NameRule.resource.check(workflow.name, field: "\(field).name")
            guard let handler = workflow.handler else {
                throw ValidationError(field: "\(field).handler", message: "must be set")
            }
            try ResourceValidation.reference(handler, type: "Handler", field: "\(field).handler")
            try ResourceValidation.references(workflow.filters, type: "EventFilter", field: "\(field).filters")
            if let mutator = workflow.mutator {
                try ResourceValidation.reference(mutator, type: "Mutator", field: "\(field).mutator")
            }
        }
    }
}
