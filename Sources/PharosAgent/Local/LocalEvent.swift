import Foundation
public import PharosCore

/// Turns events submitted locally (agent `POST /events`, the event socket) into events the agent sends
/// (Sensu Go 6.x `agent/api.go`, reference §4.4-4.5).
public enum LocalEvent {
    /// Fills Sensu's defaults and validates: namespace, `timestamp` = now, `check.interval` 1 when 0,
    /// `check.executed` = now when 0, `check.processed_by` = agent name, a fresh UUID; an entity name other than
    /// the agent's becomes the check's `proxy_entity_name`; the entity is always the agent's.
    /// - Throws: `ValidationError` naming the field (`check.metadata.name: ...`), or for an event with neither a
    ///   check nor metrics.
    public static func prepare(_ submitted: Event, agent entity: Entity, now: Int64) throws(ValidationError) -> Event {
        var event = submitted
        let namespace = entity.metadata.namespace
        if event.check == nil, event.metrics == nil {
            throw ValidationError(field: "check", message: "an event must contain a check or metrics")
        }
        if let submittedEntity = submitted.entity, !submittedEntity.metadata.name.isEmpty,
            submittedEntity.metadata.name != entity.metadata.name, var check = event.check
        {
            check.config.proxyEntityName = submittedEntity.metadata.name
            event.check = check
        }
        event.entity = entity
        event.metadata.namespace = namespace
        if event.timestamp == 0 { event.timestamp = now }
        if event.id.isEmpty { event.id = UUID().uuidString.lowercased() }
        if var check = event.check {
            if check.config.interval == 0 { check.config.interval = 1 }
            check.config.metadata.namespace = namespace
            if check.executed == 0 { check.executed = now }
            check.processedBy = entity.metadata.name
            event.check = check
        }
        try event.validate()
        return event
    }

    /// A one-line reason for a JSON body that does not decode as an event, naming the field path.
    public static func describe(decodingError error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "invalid JSON: \(error)" }
        func path(_ context: DecodingError.Context) -> String {
            let text = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : text
        }
        switch decoding {
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return "\(parent.isEmpty ? "" : parent + ".")\(key.stringValue): is required"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "invalid JSON: \(context.debugDescription)" : "\(path(context)): \(context.debugDescription)"
        @unknown default:
            return "invalid JSON"
        }
    }
}
