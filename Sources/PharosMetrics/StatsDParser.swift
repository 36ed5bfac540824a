import PharosCore

/// Parses StatsD datagrams (etsy/statsd line protocol with the DogStatsD tag extension) into ``StatsDSample``s.
///
/// Line grammar: `name:value[:value…]|type[|@sampleRate][|#tag[,tag…]]`, one metric per line, lines separated by
/// `\n` (a trailing `\r` is ignored). Rules, with their source:
/// - `type` is `c` (counter), `g` (gauge), `ms` (timer), `h` (histogram, aggregated as a timer, as gostatsd does),
///   `d` (DogStatsD distribution, also aggregated as a timer) or `s` (set).
/// - Gauge values with a leading `+` or `-` are deltas (etsy/statsd). Note: the gostatsd version bundled with
///   Sensu Go 6.x sets the gauge to the signed value instead; Pharos follows etsy/statsd.
/// - Several values separated by `:` (`name:1:2:3|c`) give one sample each (DogStatsD protocol v1.1 / gostatsd).
///   A set value is taken whole, so set members may contain `:`.
/// - `@sampleRate` must be a number in `(0, 1]`; it is accepted and ignored for gauges and sets (gostatsd).
/// - `#tags` is DogStatsD's comma-separated list. `k:v` splits at the first `:`; a tag without `:` becomes a tag
///   with that name and an empty value (Sensu Go 6.x would reuse the previous tag's name/value or drop it; Pharos
///   keeps it). Empty entries are skipped; a tag with an empty name is an error. Tags are sorted by name then value
///   and exact duplicates are removed, so the same series always gets the same key.
/// - Names are normalised like gostatsd's lexer: `/` becomes `-`, space and tab become `_`, and every byte other than
///   ASCII letters, digits, `.`, `-` and `_` is removed. A name left empty is an error.
/// - Numbers are decimal (`[+-]digits[.digits][e[+-]digits]`); `NaN`, `Inf`, hex floats and values that overflow to
///   infinity are rejected.
/// - DogStatsD events (`_e{…}`) and service checks (`_sc|…`) are rejected with a diagnostic.
public enum StatsDParser {
    /// Parses every line of a datagram; never throws and never traps.
    ///
    /// - Parameter datagram: The UDP payload, lines separated by `\n`. Empty or whitespace-only lines are skipped.
    /// - Returns: The samples of the valid lines in order, and one ``MetricDiagnostic`` (1-based `line`, UTF-8 byte
    ///   `column`) per rejected line.
    public static func parse(_ datagram: String) -> StatsDParseResult {
        parse(bytes: Array(datagram.utf8))
    }

    /// Parses every line of a raw datagram; bytes that are not valid UTF-8 are replaced by U+FFFD in set members and
    /// tags, and removed from names.
    ///
    /// - Parameter bytes: The UDP payload.
    /// - Returns: Samples and diagnostics, as ``parse(_:)``.
    public static func parse(bytes: [UInt8]) -> StatsDParseResult {
        var result = StatsDParseResult()
        let lines = bytes.split(separator: newline, omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            if line.allSatisfy({ $0 == space || $0 == tab || $0 == carriageReturn }) { continue }
            do {
                result.samples += try parseLine(bytes: Array(line))
            } catch {
                result.diagnostics.append(
                    MetricDiagnostic(line: index + 1, column: error.column, message: error.message)
                )
            }
        }
        return result
    }

    /// Parses one StatsD line.
    ///
    /// - Parameter line: One line without its `\n` (a trailing `\r` is ignored).
    /// - Returns: One sample per value in the line (usually exactly one).
    /// - Throws: ``StatsDParseError`` with the 1-based column of the offending field: missing `:` or `|`, empty name,
    ///   invalid or non-finite number, unknown type, sample rate outside `(0, 1]`, unknown/duplicate/empty section,
    ///   tag with an empty name, DogStatsD event or service check.
    public static func parseLine(_ line: String) throws(StatsDParseError) -> [StatsDSample] {
        try parseLine(bytes: Array(line.utf8))
    }

    // MARK: - Implementation

    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")
    private static let colon = UInt8(ascii: ":")
    private static let pipe = UInt8(ascii: "|")
    private static let comma = UInt8(ascii: ",")

    private enum MetricType {
        case counter, gauge, timer, set
    }

    static func parseLine(bytes input: [UInt8]) throws(StatsDParseError) -> [StatsDSample] {
        var line = input
        if line.last == carriageReturn { line.removeLast() }
        guard !line.isEmpty else { throw StatsDParseError(column: 1, message: "empty line") }
        if line.starts(with: Array("_e{".utf8)) || line.starts(with: Array("_sc|".utf8)) {
            throw StatsDParseError(column: 1, message: "DogStatsD events and service checks are not supported")
        }

        let firstPipe = line.firstIndex(of: pipe)
        guard let nameEnd = line.firstIndex(of: colon), firstPipe.map({ $0 > nameEnd }) ?? true else {
            throw StatsDParseError(
                column: (firstPipe ?? line.count) + 1,
                message: "missing ':' between metric name and value"
            )
        }
        guard nameEnd > 0 else { throw StatsDParseError(column: 1, message: "empty metric name") }
        let name = normalisedName(line[0..<nameEnd])
        guard !name.isEmpty else {
            throw StatsDParseError(
                column: 1,
                message: "metric name has no ASCII letters, digits, '.', '-' or '_'"
            )
        }
        guard let valueEnd = firstPipe else {
            throw StatsDParseError(column: line.count + 1, message: "missing '|' before the metric type")
        }

        let sections = fields(of: line, from: valueEnd + 1, separator: pipe)
        let typeField = sections[0]
        let type = try metricType(of: line[typeField], column: typeField.lowerBound + 1)

        var sampleRate: Double?
        var tags: [MetricTag]?
        for section in sections.dropFirst() {
            let column = section.lowerBound + 1
            guard let marker = line[section].first else {
                throw StatsDParseError(column: column, message: "empty section after '|'")
            }
            switch marker {
            case UInt8(ascii: "@"):
                guard sampleRate == nil else {
                    throw StatsDParseError(column: column, message: "duplicate sample rate")
                }
                sampleRate = try parseSampleRate(
                    line[(section.lowerBound + 1)..<section.upperBound], column: column + 1)
            case UInt8(ascii: "#"):
                guard tags == nil else { throw StatsDParseError(column: column, message: "duplicate tag section") }
                tags = try parseTags(line, in: (section.lowerBound + 1)..<section.upperBound)
            default:
                throw StatsDParseError(
                    column: column,
                    message: "unknown section \(quoted(line[section])); expected '@<sample rate>' or '#<tags>'"
                )
            }
        }
        let rate = sampleRate ?? 1
        let sortedTags = tags ?? []

        let valueRange = (nameEnd + 1)..<valueEnd
        if type == .set {
            guard !valueRange.isEmpty else {
                throw StatsDParseError(column: valueRange.lowerBound + 1, message: "missing value")
            }
            return [.set(name, String(decoding: line[valueRange], as: UTF8.self), tags: sortedTags)]
        }

        var samples: [StatsDSample] = []
        for field in fields(of: line, in: valueRange, separator: colon) {
            let text = line[field]
            let column = field.lowerBound + 1
            guard !text.isEmpty else { throw StatsDParseError(column: column, message: "missing value") }
            let value = try parseNumber(text, column: column)
            switch type {
            case .counter:
                samples.append(.counter(name, value, sampleRate: rate, tags: sortedTags))
            case .gauge:
                if text.first == UInt8(ascii: "+") || text.first == UInt8(ascii: "-") {
                    samples.append(.gaugeDelta(name, value, tags: sortedTags))
                } else {
                    samples.append(.gauge(name, value, tags: sortedTags))
                }
            case .timer:
                samples.append(.timer(name, value, sampleRate: rate, tags: sortedTags))
            case .set:
                break  // handled above
            }
        }
        return samples
    }

    /// Ranges of the `separator`-separated fields of `line[start...]`; always at least one (possibly empty) field.
    private static func fields(of line: [UInt8], from start: Int, separator: UInt8) -> [Range<Int>] {
        fields(of: line, in: start..<line.count, separator: separator)
    }

    private static func fields(of line: [UInt8], in range: Range<Int>, separator: UInt8) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var fieldStart = range.lowerBound
        for index in range where line[index] == separator {
            result.append(fieldStart..<index)
            fieldStart = index + 1
        }
        result.append(fieldStart..<range.upperBound)
        return result
    }

    private static func metricType(of text: ArraySlice<UInt8>, column: Int) throws(StatsDParseError) -> MetricType {
        switch String(decoding: text, as: UTF8.self) {
        case "c": return .counter
        case "g": return .gauge
        case "ms", "h", "d": return .timer
        case "s": return .set
        case "": throw StatsDParseError(column: column, message: "missing metric type")
        default:
            throw StatsDParseError(
                column: column,
                message: "unknown metric type \(quoted(text)); expected c, g, ms, h, d or s"
            )
        }
    }

    private static func parseSampleRate(_ text: ArraySlice<UInt8>, column: Int) throws(StatsDParseError) -> Double {
        guard !text.isEmpty else { throw StatsDParseError(column: column, message: "missing sample rate after '@'") }
        guard let rate = number(text) else {
            throw StatsDParseError(column: column, message: "invalid sample rate \(quoted(text))")
        }
        guard rate > 0, rate <= 1 else {
            throw StatsDParseError(
                column: column,
                message: "sample rate \(quoted(text)) must be greater than 0 and at most 1"
            )
        }
        return rate
    }

    private static func parseTags(_ line: [UInt8], in range: Range<Int>) throws(StatsDParseError) -> [MetricTag] {
        var tags: [MetricTag] = []
        for field in fields(of: line, in: range, separator: comma) where !field.isEmpty {
            let text = line[field]
            let nameEnd = text.firstIndex(of: colon) ?? field.upperBound
            guard nameEnd > field.lowerBound else {
                throw StatsDParseError(column: field.lowerBound + 1, message: "tag \(quoted(text)) has an empty name")
            }
            let name = String(decoding: line[field.lowerBound..<nameEnd], as: UTF8.self)
            let value =
                nameEnd < field.upperBound
                ? String(decoding: line[(nameEnd + 1)..<field.upperBound], as: UTF8.self) : ""
            tags.append(MetricTag(name: name, value: value))
        }
        var unique: [MetricTag] = []
        for tag in tags.sorted(by: { ($0.name, $0.value) < ($1.name, $1.value) }) where tag != unique.last {
            unique.append(tag)
        }
        return unique
    }

    private static func parseNumber(_ text: ArraySlice<UInt8>, column: Int) throws(StatsDParseError) -> Double {
        guard let value = number(text) else {
            throw StatsDParseError(column: column, message: "invalid number \(quoted(text))")
        }
        return value
    }

    /// A finite decimal number matching `[+-]?(d+(.d*)?|.d+)([eE][+-]?d+)?`, or `nil`.
    static func number(_ text: ArraySlice<UInt8>) -> Double? {
        var index = text.startIndex
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        func skipDigits() -> Int {
            let start = index
            while index < text.endIndex, isDigit(text[index]) { index += 1 }
            return index - start
        }
        if index < text.endIndex, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") { index += 1 }
        var mantissaDigits = skipDigits()
        if index < text.endIndex, text[index] == UInt8(ascii: ".") {
            index += 1
            mantissaDigits += skipDigits()
        }
        guard mantissaDigits > 0 else { return nil }
        if index < text.endIndex, text[index] == UInt8(ascii: "e") || text[index] == UInt8(ascii: "E") {
            index += 1
            if index < text.endIndex, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard skipDigits() > 0 else { return nil }
        }
        guard index == text.endIndex, let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite else {
            return nil
        }
        return value
    }

    /// gostatsd's name normalisation: `/` → `-`, space/tab → `_`, keep `[A-Za-z0-9._-]`, drop every other byte.
    private static func normalisedName(_ bytes: ArraySlice<UInt8>) -> String {
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "/"): kept.append(UInt8(ascii: "-"))
            case space, tab: kept.append(UInt8(ascii: "_"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"):
                kept.append(byte)
            default: continue
            }
        }
        return String(decoding: kept, as: UTF8.self)
    }

    /// `'text'`, cut to 40 bytes so a diagnostic never echoes a whole datagram.
    private static func quoted(_ text: ArraySlice<UInt8>) -> String {
        let limit = 40
        if text.count <= limit { return "'\(String(decoding: text, as: UTF8.self))'" }
        return "'\(String(decoding: text.prefix(limit), as: UTF8.self))…'"
    }
}
