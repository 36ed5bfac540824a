import Foundation
import PharosCore

/// The output formats of sensu-prometheus-collector (`-output-format`).
public enum CollectorOutputFormat: String, Sendable, Hashable, CaseIterable {
    /// InfluxDB line protocol, one line per sample: `<prefix><name>[,<label>=<value>…] value=<v> <unix seconds>`.
    /// Read by the agent with `output_metric_format: influxdb_line` (point name `<name>.value`).
    case influx
    /// Graphite plaintext, one line per sample: `<prefix><name> <v> <unix seconds>` (labels are not written).
    case graphite
    /// A JSON array of `{"Tags":[{"Name":…,"Value":…}],"Value":…}` (the `__name__` tag first), no prefix.
    case json
}

/// What one rendering produced: the text to print and the samples that the format could not carry.
public struct CollectorRendering: Sendable, Hashable {
    /// The check output, one line per written sample, each ending in `\n` (the JSON array is one line).
    public var text: String
    /// Why samples or labels were left out, one line each (printed to stderr, counted).
    public var skipped: [String]
}

/// Renders collected samples in the formats of sensu-prometheus-collector 1.3.3, with two deliberate differences:
/// label values that contain spaces, commas or `=` are **escaped** as line protocol requires (the original dropped
/// such labels or the whole line), and labels are written sorted by name (the original used Go's random map order).
public enum CollectorOutput {
    /// Renders `samples` in `format`.
    /// - Parameters:
    ///   - samples: the samples in scrape order.
    ///   - format: the output format.
    ///   - prefix: `-metric-prefix`, put before every metric name (influx and graphite only).
    ///   - timestamp: Unix seconds written on every line (influx and graphite).
    /// - Returns: the text and the reasons for anything left out.
    public static func render(
        _ samples: [CollectedSample],
        format: CollectorOutputFormat,
        prefix: String,
        timestamp: Int64
    ) -> CollectorRendering {
        switch format {
        case .influx: return influx(samples, prefix: prefix, timestamp: timestamp)
        case .graphite: return graphite(samples, prefix: prefix, timestamp: timestamp)
        case .json: return json(samples)
        }
    }

    /// InfluxDB line protocol (see ``CollectorOutputFormat/influx``). Samples with an infinite value are left out
    /// (line protocol has no infinity); empty label values are left out (InfluxDB has none; Prometheus reads an empty
    /// label as no label); a label value ending in a backslash is left out (line protocol cannot carry it unambiguously);
    /// a line break inside a label value is written as the two characters `\n`.
    static func influx(_ samples: [CollectedSample], prefix: String, timestamp: Int64) -> CollectorRendering {
        var text = ""
        var skipped: [String] = []
        for sample in samples {
            let name = prefix + sample.name
            guard sample.value.isFinite else {
                skipped.append("\(name): value \(sample.value) cannot be written in line protocol")
                continue
            }
            var line = escape(name, escaping: [",", " "])
            for label in sample.labels where !label.value.isEmpty {
                let value = label.value.replacingOccurrences(of: "\r\n", with: "\\n")
                    .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\n")
                guard !value.hasSuffix("\\") else {
                    skipped.append("\(name): label \(label.name) ends in a backslash, left out")
                    continue
                }
                line += "," + escape(label.name, escaping: [",", "=", " "]) + "="
                line += escape(value, escaping: [",", "=", " "])
            }
            line += " value=\(number(sample.value)) \(timestamp)\n"
            text += line
        }
        return CollectorRendering(text: text, skipped: skipped)
    }

    /// Graphite plaintext (see ``CollectorOutputFormat/graphite``); infinite values are left out.
    static func graphite(_ samples: [CollectedSample], prefix: String, timestamp: Int64) -> CollectorRendering {
        var text = ""
        var skipped: [String] = []
        for sample in samples {
            let name = prefix + sample.name
            guard sample.value.isFinite else {
                skipped.append("\(name): value \(sample.value) cannot be written in Graphite plaintext")
                continue
            }
            text += "\(name) \(number(sample.value)) \(timestamp)\n"
        }
        return CollectorRendering(text: text, skipped: skipped)
    }

    /// The JSON array (see ``CollectorOutputFormat/json``); infinite values are left out (JSON has no infinity).
    static func json(_ samples: [CollectedSample]) -> CollectorRendering {
        struct Tag: Encodable {
            var name: String
            var value: String
            enum CodingKeys: String, CodingKey {
                case name = "Name"
                case value = "Value"
            }
        }
        struct Metric: Encodable {
            var tags: [Tag]
            var value: Double
            enum CodingKeys: String, CodingKey {
                case tags = "Tags"
                case value = "Value"
            }
        }
        var metrics: [Metric] = []
        var skipped: [String] = []
        for sample in samples {
            guard sample.value.isFinite else {
                skipped.append("\(sample.name): value \(sample.value) cannot be written in JSON")
                continue
            }
            let tags =
                [Tag(name: "__name__", value: sample.name)] + sample.labels.map { Tag(name: $0.name, value: $0.value) }
            metrics.append(Metric(tags: tags, value: sample.value))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(metrics)) ?? Data("[]".utf8)
        return CollectorRendering(text: String(decoding: data, as: UTF8.self) + "\n", skipped: skipped)
    }

    /// A value as Go's `strconv.FormatFloat(v, 'f', -1, 64)` writes common values: whole numbers without a
    /// fraction (`1`, `12345`), others in Swift's shortest round-trip form (`0.25`, `1e-07`), which both
    /// InfluxDB and Graphite read.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return "\(value)"
    }

    /// Prefixes every scalar of `text` that is in `special` with a backslash.
    static func escape(_ text: String, escaping special: Set<Unicode.Scalar>) -> String {
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if special.contains(scalar) { escaped.append("\\") }
            escaped.append(scalar)
        }
        return String(escaped)
    }
}
