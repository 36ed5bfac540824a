public import Foundation
public import PharosCore

/// Whether an event passes one filter of a handler (Sensu Go 6.x legacy filters, reference §7.6): the built-ins
/// `is_incident`, `not_silenced` and `has_metrics`, or an `EventFilter` resource.
///
/// `EventFilter` semantics: the `when` window first (`allow` outside the window ⇒ filtered; `deny` inside the window ⇒
/// filtered); then the expressions with the binding `event` (``eventBinding(_:)``): `allow` ⇒ filtered when any
/// expression is false; `deny` ⇒ filtered when any expression is true (Sensu Go 6.9+). An expression that does not
/// compile or fails to evaluate is skipped and counted in ``errors``.
public struct EventFilterEvaluation: Sendable, Hashable {
    /// The built-in filter names.
    public static let builtInNames: Set<String> = ["is_incident", "not_silenced", "has_metrics"]

    /// Whether the event may go on to the handler.
    public var passes: Bool
    /// Expressions skipped because they did not compile or evaluate, with the error text.
    public var errors: [String]

    /// Evaluates the built-in filter `name`, or returns `nil` when `name` is not a built-in.
    public static func builtIn(_ name: String, event: Event) -> EventFilterEvaluation? {
        let passes: Bool
        switch name {
        case "is_incident": passes = event.isIncident || event.isResolution
        case "not_silenced": passes = !(event.isSilenced || !(event.check?.silenced.isEmpty ?? true))
        case "has_metrics": passes = event.hasMetrics
        default: return nil
        }
        return EventFilterEvaluation(passes: passes, errors: [])
    }

    /// Evaluates an `EventFilter` resource.
    /// - Parameters:
    ///   - filter: the filter.
    ///   - binding: the `event` value (``eventBinding(_:)``).
    ///   - now: the time for the `when` window and `seconds_since`.
    public init(filter: EventFilter, binding: JSONValue, now: Date) {
        let deny = filter.action == "deny"
        if let when = filter.when {
            let inside = when.inWindow(at: now)
            if inside == deny {
                self.init(passes: false, errors: [])
                return
            }
        }
        var errors: [String] = []
        var results: [Bool] = []
        for source in filter.expressions {
            do {
                results.append(try FilterExpression(source).evaluate(["event": binding], now: now))
            } catch {
                errors.append("\(source): \(error)")
            }
        }
        let passes = deny ? !results.contains(true) : !results.contains(false)
        self.init(passes: passes, errors: errors)
    }

    /// Creates a result.
    public init(passes: Bool, errors: [String]) {
        self.passes = passes
        self.errors = errors
    }

    /// The `event` value filter expressions read: the event's JSON with the entity redacted and its metadata
    /// lifted to the top level (`event.entity.name`, `event.entity.labels.x`, labels/annotations `{}` when absent),
    /// the check's metadata lifted too (`event.check.name`), plus `is_incident`, `is_resolution`, `is_silenced`,
    /// `has_check` and `has_metrics` (Sensu Go's synthesized event).
    public static func eventBinding(_ event: Event) -> JSONValue {
        var redacted = event
        redacted.entity = event.entity?.redacted()
        guard case .object(var members)? = try? JSONValue(encoding: redacted) else { return .object([:]) }
        if let entity = members["entity"] {
            members["entity"] = TokenSubstitution.entityData(from: entity)
        }
        if case .object(var check)? = members["check"] {
            if case .object(let metadata)? = check["metadata"] {
                for (key, value) in metadata where check[key] == nil { check[key] = value }
            }
            for key in ["labels", "annotations"] where check[key] == nil || check[key] == .null {
                check[key] = .object([:])
            }
            members["check"] = .object(check)
        }
        members["is_incident"] = .bool(event.isIncident)
        members["is_resolution"] = .bool(event.isResolution)
        members["is_silenced"] = .bool(event.isSilenced)
        members["has_check"] = .bool(event.hasCheck)
        members["has_metrics"] = .bool(event.hasMetrics)
        return .object(members)
    }
}
