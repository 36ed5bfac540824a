import ArgumentParser
import Foundation
import PharosCore
import PharosMetrics

/// `pharos-agent extract-metrics`: runs the agent's output-metric extraction on check output read from stdin.
///
/// Prints the points as JSON on stdout (``MetricExtractor/renderJSON(_:)``). When any line (or item) was
/// rejected, also prints one `line N, column C: message` per diagnostic on stderr and exits 1.
struct ExtractMetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract-metrics",
        abstract: "Extract metric points from check output on stdin, as the agent does for output_metric_format."
    )

    @Option(help: "The output_metric_format: \(MetricFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: String

    @Option(
        name: .customLong("tag"), help: "An output_metric_tags entry key=value, appended to every point (repeatable).")
    var tags: [String] = []

    @Option(help: "Unix seconds for points whose line has no timestamp (check.executed). Default: now.")
    var timestamp: Int64?

    func validate() throws {
        _ = try metricFormat()
        _ = try metricTags()
    }

    /// `--format` as a ``MetricFormat``.
    private func metricFormat() throws(ArgumentParser.ValidationError) -> MetricFormat {
        guard let metricFormat = MetricFormat(rawValue: format) else {
            let names = MetricFormat.allCases.map(\.rawValue).joined(separator: ", ")
            throw ArgumentParser.ValidationError("--format must be one of \(names); got '\(format)'")
        }
        return metricFormat
    }

    /// The `--tag` options as tags, in order.
    private func metricTags() throws(ArgumentParser.ValidationError) -> [MetricTag] {
        var metricTags: [MetricTag] = []
        for tag in tags {
            guard let metricTag = MetricExtractor.tag(fromArgument: tag) else {
                throw ArgumentParser.ValidationError("--tag must be key=value with a non-empty key; got '\(tag)'")
            }
            metricTags.append(metricTag)
        }
        return metricTags
    }

    func run() throws {
        var input = ""
        while let line = readLine(strippingNewline: false) {
            input += line
        }
        let extraction = MetricExtractor.extract(
            input,
            format: try metricFormat(),
            timestamp: timestamp ?? Int64(Date().timeIntervalSince1970),
            tags: try metricTags()
        )
        print(MetricExtractor.renderJSON(extraction.points))
        guard extraction.diagnostics.isEmpty else {
            FileHandle.standardError.write(Data(MetricExtractor.renderDiagnostics(extraction.diagnostics).utf8))
            throw ExitCode(1)
        }
    }
}
