extension RoleBinding {
    /// Validates the binding: name, a `Role` or `ClusterRole` reference and at least one `User`/`Group` subject.
    /// - Throws: `ValidationError` naming the first invalid field.
    public func validate() throws(ValidationError) {
        try ResourceValidation.metadata(metadata)
        try RoleSubject.validate(subjects: subjects, roleRef: roleRef, allowedRoleTypes: ["Role", "ClusterRole"])
    }
}
