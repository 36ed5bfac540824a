/// Metric points attached to an event and the handlers that receive them (`{"handlers","points"}`), as in
/// Sensu Go `core/v2` `Metrics` (reference §1.13).
public struct Metrics: Sendable, Hashable, Codable {
    /// Handlers for the metric points.
    public var handlers: [String]
    /// The points.
    public var points: [MetricPoint]

    /// Creates a metrics payload.
    public init(handlers: [String] = [], points: [MetricPoint] = []) {
        self.handlers = handlers
        self.points = points
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case handlers, points }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        handlers = try container.lenient(.handlers, [])
        points = try container.lenient(.points, [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeNilIfEmpty(handlers, forKey: .handlers)
        try container.encodeNilIfEmpty(points, forKey: .points)
    }
}
