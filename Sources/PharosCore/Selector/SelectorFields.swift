/// The selectable fields and labels of one resource (reference §2.4, the `*Fields()` functions of Sensu Go
/// `core/v2`): `fieldSelector` keys are looked up in `fields`, or as labels when written `labels.<name>` or
/// `<prefix>.labels.<name>`; `labelSelector` keys are label names.
public struct SelectorFields: Sendable, Hashable {
    /// The field-name prefix of the type, e.g. `check`, `event`, `entity`.
    public var prefix: String
    /// Field values by name, e.g. `check.name`, `check.subscriptions`.
    public var fields: [String: SelectorField]
    /// The resource's labels.
    public var labels: [String: String]

    /// Creates the fields of one resource.
    public init(prefix: String, fields: [String: SelectorField], labels: [String: String]) {
        self.prefix = prefix
        self.fields = fields
        self.labels = labels
    }

    /// The label name a field key designates (`labels.<name>` or `<prefix>.labels.<name>`), or `nil`.
    public static func labelName(in key: String, prefix: String) -> String? {
        for head in ["labels.", "\(prefix).labels.", "\(prefix).metadata.labels."] where key.hasPrefix(head) {
            let name = String(key.dropFirst(head.count))
            return name.isEmpty ? nil : name
        }
        return nil
    }

    /// Looks a `fieldSelector` key up (`nil` when absent, e.g. a missing label).
    public func field(_ key: String) -> SelectorField? {
        if let value = fields[key] { return value }
        return Self.labelName(in: key, prefix: prefix).flatMap { labels[$0] }.map { .scalar($0) }
    }

    /// Looks a `labelSelector` key (a label name) up.
    public func label(_ key: String) -> SelectorField? {
        labels[key].map { .scalar($0) }
    }

    /// Whether the resource satisfies both selectors (either may be `nil`).
    public func matches(fieldSelector: Selector?, labelSelector: Selector?) -> Bool {
        (fieldSelector?.matches(field) ?? true) && (labelSelector?.matches(label) ?? true)
    }
}
