/// The result of encoding an event's metric points: the lines to write and the points that were skipped.
public struct InfluxLineBatch: Sendable, Hashable {
    /// One line-protocol line per written point, in point order, without trailing newlines.
    public var lines: [String]
    /// The points that could not be encoded, in point order.
    public var skipped: [InfluxLineError]

    /// Creates a batch from encoded lines and skipped points.
    public init(lines: [String], skipped: [InfluxLineError] = []) {
        self.lines = lines
        self.skipped = skipped
    }

    /// The `/write` request body: the lines joined by `\n`, with a final `\n` (empty when there are no lines).
    public var body: String {
        lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }
}
