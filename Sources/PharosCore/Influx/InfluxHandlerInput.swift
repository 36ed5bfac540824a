public import Foundation

/// The parts of a Sensu event that the InfluxDB pipe handler writes: the entity name and the metric points.
///
/// Decoded straight from the event bytes (not through ``JSONValue``), so 19-digit nanosecond timestamps keep every
/// digit. Every other field of the event is ignored.
public struct InfluxHandlerInput: Sendable, Hashable {
    /// `entity.metadata.name`, or `""` when the event has none.
    public var entityName: String
    /// `metrics.points`, or `[]` when the event has no metrics.
    public var points: [MetricPoint]

    /// Creates an input from its parts.
    public init(entityName: String, points: [MetricPoint]) {
        self.entityName = entityName
        self.points = points
    }

    /// Decodes the handler input from a Sensu event (`core/v2` Event JSON, as handed to pipe handlers on stdin).
    /// - Parameter data: the event as UTF-8 JSON.
    /// - Returns: the entity name and points.
    /// - Throws: ``EventInputError``: `.empty`, `.invalidJSON` (line and column), `.notAnObject`, or `.invalidField`
    ///   naming the path, e.g. `metrics.points[1].value must be a number`.
    public static func decode(_ data: Data) throws(EventInputError) -> InfluxHandlerInput {
        _ = try EventJSON.parse(data)
        do {
            let wire = try JSONDecoder().decode(Wire.self, from: data)
            return InfluxHandlerInput(
                entityName: wire.entity?.metadata?.name ?? "",
                points: wire.metrics?.points ?? []
            )
        } catch let DecodingError.typeMismatch(type, context) {
            throw EventInputError(.invalidField(path: path(context.codingPath), expected: describe(type)))
        } catch let DecodingError.valueNotFound(type, context) {
            throw EventInputError(.invalidField(path: path(context.codingPath), expected: describe(type)))
        } catch let DecodingError.keyNotFound(key, context) {
            throw EventInputError(.invalidField(path: path(context.codingPath + [key]), expected: "present"))
        } catch let DecodingError.dataCorrupted(context) {
            throw EventInputError(
                .invalidField(path: path(context.codingPath), expected: "valid (\(context.debugDescription))")
            )
        } catch {
            throw EventInputError(.undecodable("\(error)"))
        }
    }

    /// `metrics.points[1].value` from a coding path.
    private static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let position = key.intValue {
                text += "[\(position)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text.isEmpty ? "the event" : text
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Double.Type, is Float.Type: return "a number"
        case is Int64.Type, is Int.Type: return "an integer"
        default:
            let name = "\(type)"
            if name.hasPrefix("Array") { return "an array" }
            return "an object"
        }
    }

    /// The event fields the handler reads; all optional except inside a point (``MetricPoint``'s own rules).
    private struct Wire: Decodable {
        struct Metadata: Decodable { var name: String? }
        struct Entity: Decodable { var metadata: Metadata? }
        struct Metrics: Decodable { var points: [MetricPoint]? }
        var entity: Entity?
        var metrics: Metrics?
    }
}
