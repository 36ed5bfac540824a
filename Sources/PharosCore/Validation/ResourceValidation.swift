import Foundation

/// Validation rules shared by several resource types (Sensu Go `core/v2` validators).
enum ResourceValidation {
    /// Validates `metadata.name` with `rule` and, when set, `metadata.namespace` with the resource name rule.
    static func metadata(_ metadata: ObjectMeta, rule: NameRule = .resource) throws(ValidationError) {
        try rule.check(metadata.name, field: "metadata.name")
        if !metadata.namespace.isEmpty {
            try NameRule.resource.check(metadata.namespace, field: "metadata.namespace")
        }
    }

    /// Every entry must be `KEY=VALUE` with a non-empty key (Sensu Go `ValidateEnvVars`).
    static func envVars(_ values: [String], field: String = "env_vars") throws(ValidationError) {
        for (index, value) in values.enumerated() {
            guard let equals = value.firstIndex(of: "="), equals != value.startIndex else {
                throw ValidationError(field: "\(field)[\(index)]", message: "\"\(value)\" is not of the form KEY=VALUE")
            }
        }
    }

    /// Every entry must be a non-empty string.
    static func nonEmptyEntries(_ values: [String], field: String) throws(ValidationError) {
        for (index, value) in values.enumerated() where value.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError(field: "\(field)[\(index)]", message: "must not be empty")
        }
    }

    /// Every range must have Kitchen-format (`3:00PM`) begin and end times.
    static func timeWindow(_ when: TimeWindowWhen, field: String) throws(ValidationError) {
        for (day, ranges) in when.days.namedRanges {
            for (index, range) in ranges.enumerated() {
                let path = "\(field).days.\(day.stringValue)[\(index)]"
                if TimeWindowTimeRange.minutesAfterMidnight(range.begin) == nil {
                    throw ValidationError(
                        field: "\(path).begin", message: "\"\(range.begin)\" is not a time like 3:00PM")
                }
                if TimeWindowTimeRange.minutesAfterMidnight(range.end) == nil {
                    throw ValidationError(field: "\(path).end", message: "\"\(range.end)\" is not a time like 3:00PM")
                }
            }
        }
    }

    /// References must name a `core/v2` resource of type `type`.
    static func references(
        _ references: [ResourceReference], type: String, field: String
    ) throws(ValidationError) {
        for (index, reference) in references.enumerated() {
            try self.reference(reference, type: type, field: "\(field)[\(index)]")
        }
    }

    /// A reference must name a `core/v2` resource of type `type`.
    static func reference(_ reference: ResourceReference, type: String, field: String) throws(ValidationError) {
        try NameRule.resource.check(reference.name, field: "\(field).name")
        if reference.type != type {
            throw ValidationError(field: "\(field).type", message: "must be \(type), found \"\(reference.type)\"")
        }
        if reference.apiVersion != "core/v2" {
            throw ValidationError(
                field: "\(field).api_version", message: "must be core/v2, found \"\(reference.apiVersion)\"")
        }
    }
}
