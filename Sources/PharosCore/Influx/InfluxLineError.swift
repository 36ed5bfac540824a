/// Why one metric point cannot be written as an InfluxDB 1.x line-protocol line.
///
/// The encoder skips such a point (it never writes a line InfluxDB would misread or reject) and reports it with this
/// value. The limits come from the InfluxDB 1.x line protocol reference and were checked against `influxd` 1.6.7.
public struct InfluxLineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the point.
    public enum Reason: Sendable, Hashable {
        /// The point name has nothing before its first `.` (e.g. `.used`), so there is no measurement.
        case emptyMeasurement
        /// The point name ends right after its first `.` (e.g. `disk.`), so the field key would be empty.
        case emptyFieldKey
        /// The measurement starts with `#`, which line protocol reads as a comment line.
        case commentMeasurement
        /// A tag key is empty.
        case emptyTagKey
        /// A field or tag key is `time`, which InfluxDB 1.x refuses (`invalid field name` / `invalid tag key`).
        case reservedKey(String)
        /// A name, key or value contains a line break, which line protocol cannot escape.
        case lineBreak(String)
        /// A name, key or value has a `\` at its end or before a `,`, `=` or space; InfluxDB 1.x would read it
        /// as escaping the separator that follows, so the text cannot be written unambiguously.
        case ambiguousBackslash(String)
        /// The value is NaN or infinite; line protocol has no spelling for it.
        case nonFiniteValue(Double)
        /// The timestamp (after normalising to seconds) is outside InfluxDB's range, about the years 1677–2262.
        case timestampOutOfRange(Int64)
    }

    /// Position of the point in the `metrics.points` array (0-based).
    public var pointIndex: Int
    /// The point's `name` as received.
    public var pointName: String
    /// What is wrong.
    public var reason: Reason

    /// Creates an error for the point at `pointIndex` named `pointName`.
    public init(pointIndex: Int, pointName: String, reason: Reason) {
        self.pointIndex = pointIndex
        self.pointName = pointName
        self.reason = reason
    }

    /// One line naming the point (`metrics.points[3] "disk."`) and the problem.
    public var description: String {
        let subject = "metrics.points[\(pointIndex)] \"\(pointName)\""
        switch reason {
        case .emptyMeasurement:
            return "\(subject): nothing before the first '.', so there is no measurement name"
        case .emptyFieldKey:
            return "\(subject): nothing after the first '.', so the field key would be empty"
        case .commentMeasurement:
            return "\(subject): a measurement starting with '#' is a comment in line protocol"
        case .emptyTagKey:
            return "\(subject): a tag has an empty name"
        case .reservedKey(let key):
            return "\(subject): InfluxDB does not accept \"\(key)\" as a field or tag key"
        case .lineBreak(let text):
            return "\(subject): \"\(text)\" contains a line break, which line protocol cannot carry"
        case .ambiguousBackslash(let text):
            return
                "\(subject): \"\(text)\" has a backslash at its end or before ',', '=' or ' ', which line protocol cannot carry"
        case .nonFiniteValue(let value):
            return "\(subject): value \(value) is not a finite number"
        case .timestampOutOfRange(let seconds):
            return "\(subject): timestamp \(seconds) s is outside InfluxDB's range (years 1677 to 2262)"
        }
    }
}
