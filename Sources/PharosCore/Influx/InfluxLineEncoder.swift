/// Turns Sensu metric points into InfluxDB 1.x line-protocol lines, the way sensu-influxdb-handler 3.1.2 maps them.
///
/// Mapping (Sensu Go reference §6.8, checked against `influxd` 1.6.7):
/// - **measurement** = the point name up to its first `.`; **field key** = the rest of the name, or `value` when the
///   name has no `.` (`time` → `time value=…`, `disk_usage.used` → `disk_usage used=…`,
///   `a.b.c` → `a b.c=…`). The field value is written as a float.
/// - **tags** = the point's tags plus `sensu_entity_name` = the entity name. A point tag of the same name wins over
///   `sensu_entity_name`; when a point repeats a tag name, the last value wins. Tags with an empty value are left out
///   (InfluxDB has no empty tag values: a missing tag reads as empty). Tags are sorted by key, byte-wise, which is
///   InfluxDB's own series-key order.
/// - **timestamp**: first normalised by magnitude to whole seconds — a value with more than 10 digits keeps its first
///   10 digits, so millisecond (13), microsecond (16) and nanosecond (19-digit StatsD) timestamps become seconds,
///   exactly like Sensu's handler — then expressed in ``precision`` (see ``InfluxPrecision/timestamp(fromSeconds:)``).
///   A timestamp of `0` (absent in the event) is left out, so InfluxDB stamps the point with its receive time.
/// - **escaping**: `,` and space in the measurement, and `,`, `=` and space in tag keys, tag values and field keys, are
///   preceded by `\`. Points that line protocol cannot carry are skipped and reported (``InfluxLineError``).
public struct InfluxLineEncoder: Sendable, Hashable {
    /// The tag that names the event's entity on every line.
    public static let entityTagName = "sensu_entity_name"

    /// The unit of the timestamps written (the `/write` `precision` parameter must be the same).
    public var precision: InfluxPrecision

    /// Creates an encoder writing timestamps in `precision` (default seconds, as the handler's `--precision`).
    public init(precision: InfluxPrecision = .seconds) {
        self.precision = precision
    }

    /// Encodes every point of an event.
    /// - Parameters:
    ///   - points: the event's `metrics.points`, in order.
    ///   - entityName: `entity.metadata.name`, written as the `sensu_entity_name` tag (left out when empty).
    /// - Returns: one line per encodable point and one ``InfluxLineError`` per skipped point.
    public func encode(_ points: [MetricPoint], entityName: String) -> InfluxLineBatch {
        var batch = InfluxLineBatch(lines: [])
        for (index, point) in points.enumerated() {
            do {
                batch.lines.append(try line(for: point, entityName: entityName, index: index))
            } catch {
                batch.skipped.append(error)
            }
        }
        return batch
    }

    /// Encodes one point as one line (without a trailing newline).
    /// - Parameters:
    ///   - point: the metric point.
    ///   - entityName: the entity name for the `sensu_entity_name` tag (left out when empty).
    ///   - index: the point's position in `metrics.points`, used in error messages.
    /// - Returns: the line, e.g. `disk_usage,host=a,sensu_entity_name=web used=42.5 1700000000`.
    /// - Throws: ``InfluxLineError`` naming the point and the reason when line protocol cannot carry it.
    public func line(for point: MetricPoint, entityName: String, index: Int = 0) throws(InfluxLineError) -> String {
        func fail(_ reason: InfluxLineError.Reason) -> InfluxLineError {
            InfluxLineError(pointIndex: index, pointName: point.name, reason: reason)
        }
        let (measurement, fieldKey) = Self.split(point.name)
        guard !measurement.isEmpty else { throw fail(.emptyMeasurement) }
        guard !fieldKey.isEmpty else { throw fail(.emptyFieldKey) }
        guard !measurement.hasPrefix("#") else { throw fail(.commentMeasurement) }
        guard fieldKey != "time" else { throw fail(.reservedKey(fieldKey)) }
        guard point.value.isFinite else { throw fail(.nonFiniteValue(point.value)) }

        let tags = Self.mergedTags(point.tags, entityName: entityName)
        var texts = [measurement, fieldKey]
        for (key, value) in tags {
            guard !key.isEmpty else { throw fail(.emptyTagKey) }
            guard key != "time" else { throw fail(.reservedKey(key)) }
            texts.append(key)
            texts.append(value)
        }
        for text in texts {
            if Self.hasLineBreak(text) { throw fail(.lineBreak(text)) }
            if Self.hasAmbiguousBackslash(text) { throw fail(.ambiguousBackslash(text)) }
        }

        var line = Self.escape(measurement, escaping: [",", " "])
        for (key, value) in tags {
            line +=
                "," + Self.escape(key, escaping: [",", "=", " "]) + "=" + Self.escape(value, escaping: [",", "=", " "])
        }
        line += " " + Self.escape(fieldKey, escaping: [",", "=", " "]) + "=" + "\(point.value)"

        guard point.timestamp != 0 else { return line }
        let seconds = Self.normalizedSeconds(point.timestamp)
        guard let nanoseconds = InfluxPrecision.nanoseconds.timestamp(fromSeconds: seconds),
            nanoseconds > Int64.min + 1, nanoseconds < Int64.max,
            let stamp = precision.timestamp(fromSeconds: seconds)
        else { throw fail(.timestampOutOfRange(seconds)) }
        return line + " \(stamp)"
    }

    /// Normalises a Unix timestamp of any common unit to whole seconds by its magnitude: a value with more than 10
    /// decimal digits keeps only its first 10 (as sensu-influxdb-handler does), so `1700000000123456789` (ns),
    /// `1700000000123456` (µs) and `1700000000123` (ms) all become `1700000000`. The sign is kept.
    /// - Parameter timestamp: Unix time in s, ms, µs or ns.
    /// - Returns: Unix time in seconds.
    public static func normalizedSeconds(_ timestamp: Int64) -> Int64 {
        var magnitude = timestamp.magnitude
        while magnitude >= 10_000_000_000 { magnitude /= 10 }
        let seconds = Int64(magnitude)
        return timestamp < 0 ? -seconds : seconds
    }

    /// Splits a point name at its first `.` into measurement and field key (`value` when there is no `.`).
    static func split(_ name: String) -> (measurement: String, fieldKey: String) {
        guard let dot = name.firstIndex(of: ".") else { return (name, "value") }
        return (String(name[..<dot]), String(name[name.index(after: dot)...]))
    }

    /// The tags to write: point tags (last value of a repeated name wins, empty values dropped), plus the entity tag
    /// unless a point tag has that name, sorted by key byte-wise.
    static func mergedTags(_ tags: [MetricTag], entityName: String) -> [(key: String, value: String)] {
        var merged: [String: String] = [:]
        if !entityName.isEmpty { merged[entityTagName] = entityName }
        for tag in tags { merged[tag.name] = tag.value }
        return merged.filter { !$0.value.isEmpty }
            .map { (key: $0.key, value: $0.value) }
            .sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
    }

    /// Prefixes every Unicode scalar of `text` that is in `special` with a backslash. Works on scalars, not
    /// characters, because InfluxDB scans bytes: a `,` followed by a combining mark is still a separator to it.
    static func escape(_ text: String, escaping special: Set<Unicode.Scalar>) -> String {
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if special.contains(scalar) { escaped.append("\\") }
            escaped.append(scalar)
        }
        return String(escaped)
    }

    /// Whether `text` contains a line feed or carriage return.
    static func hasLineBreak(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0 == "\n" || $0 == "\r" }
    }

    /// Whether `text` has a backslash at its end or right before `,`, `=` or a space.
    static func hasAmbiguousBackslash(_ text: String) -> Bool {
        var previousWasBackslash = false
        for scalar in text.unicodeScalars {
            if previousWasBackslash, scalar == "," || scalar == "=" || scalar == " " { return true }
            previousWasBackslash = scalar == "\\"
        }
        return previousWasBackslash
    }
}
