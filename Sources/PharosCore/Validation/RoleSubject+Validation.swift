extension RoleSubject {
    /// Validates the subjects and role reference of a binding.
    static func validate(
        subjects: [RoleSubject], roleRef: RoleRef, allowedRoleTypes: [String]
    ) throws(ValidationError) {
        if !allowedRoleTypes.contains(roleRef.type) {
            throw ValidationError(
                field: "role_ref.type",
                message: "must be \(allowedRoleTypes.joined(separator: " or ")), found \"\(roleRef.type)\"")
        }
        if roleRef.name.isEmpty { throw ValidationError(field: "role_ref.name", message: "must not be empty") }
        if subjects.isEmpty { throw ValidationError(field: "subjects", message: "must contain at least one subject") }
        for (index, subject) in subjects.enumerated() {
            if subject.type != "User", subject.type != "Group" {
                throw ValidationError(
                    field: "subjects[\(index)].type", message: "must be User or Group, found \"\(subject.type)\"")
            }
            if subject.name.isEmpty {
                throw ValidationError(field: "subjects[\(index)].name", message: "must not be empty")
            }
        }
    }
}
