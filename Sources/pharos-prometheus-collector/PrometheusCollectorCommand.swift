import ArgumentParser
import Foundation
import PharosPrometheus

/// `pharos-prometheus-collector`: a check plugin with the flags and output of sensu-prometheus-collector 1.3.3.
/// Scrapes a Prometheus exporter (`-exporter-url`) or runs an instant query against a Prometheus server
/// (`-prom-url`, `-prom-query`) and prints the samples as InfluxDB line protocol (default), Graphite plaintext or
/// JSON, for a check with `output_metric_format: influxdb_line` (or `graphite_plaintext`).
///
/// Exit status: 0 on success (samples that the format cannot carry are left out, one stderr line each); 2 with one
/// line on stderr when the scrape fails (connection refused, timeout, non-200 status, unparsable body naming the
/// line); 3 with one line for a usage mistake (unknown flag, bad value, unreadable TLS file).
@main
struct PrometheusCollectorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pharos-prometheus-collector",
        abstract: "Check plugin: collect metrics from a Prometheus exporter or the Prometheus query API.",
        discussion: """
            Flags take one dash, as sensu-prometheus-collector's (-exporter-url URL), or two. \
            Environment: EXPORTER_USER, EXPORTER_PASSWORD (basic auth), EXPORTER_HEADER (Authorization header).
            """
    )

    @OptionGroup var options: CollectorOptions

    /// Parses the command line and runs; usage errors exit 3 (Nagios UNKNOWN) instead of ArgumentParser's 64.
    static func main() async {
        let command: PrometheusCollectorCommand
        do {
            command = try parse()
        } catch {
            if exitCode(for: error) == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            report(fullMessage(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments")
            Foundation.exit(3)
        }
        do {
            try await command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            report("\(error)")
            Foundation.exit(2)
        }
    }

    func run() async throws {
        let configuration: CollectorConfiguration
        do {
            configuration = try options.configuration(environment: ProcessInfo.processInfo.environment)
        } catch {
            Self.report(error.description)
            throw ExitCode(error.exitStatus)
        }
        let samples: [CollectedSample]
        do {
            samples = try await PrometheusCollector(configuration: configuration).collect()
        } catch {
            Self.report(error.description)
            throw ExitCode(error.exitStatus)
        }
        let rendering = CollectorOutput.render(
            samples, format: configuration.format, prefix: configuration.metricPrefix,
            timestamp: Int64(Date().timeIntervalSince1970))
        FileHandle.standardOutput.write(Data(rendering.text.utf8))
        for reason in rendering.skipped { Self.report("left out \(reason)") }
    }

    private static func report(_ line: String) {
        FileHandle.standardError.write(Data("pharos-prometheus-collector: \(line)\n".utf8))
    }
}
