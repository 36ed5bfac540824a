import PharosCore

/// Resolves the resource type names the CLI accepts in `edit TYPE` and `dump TYPES`: the command names (`check`,
/// `rolebinding`, `api-key`), the REST collections (`checks`, `apikeys`), the snake_case aliases
/// (`check_config`), the Go type names (`CheckConfig`) and the fully qualified `core/v2.CheckConfig`, all
/// case-insensitive.
enum ResourceTypeName {
    /// The command names that differ from the alias.
    private static let commandNames: [String: ResourceType] = [
        "check": .checkConfig, "filter": .eventFilter, "hook": .hookConfig, "rolebinding": .roleBinding,
        "clusterrole": .clusterRole, "clusterrolebinding": .clusterRoleBinding, "api-key": .apiKey,
        "apikey": .apiKey,
    ]

    /// The type named `text`, or `nil`.
    static func parse(_ text: String) -> ResourceType? {
        var name = text.lowercased()
        if name.hasPrefix("core/v2.") { name.removeFirst("core/v2.".count) }
        if let type = commandNames[name] { return type }
        if let type = ResourceType.allCases.first(where: { $0.collection == name }) { return type }
        return ResourceType(name: name)
    }

    /// The names listed in error messages.
    static var known: String {
        ResourceType.allCases.map(\.collection).joined(separator: ", ")
    }
}
