import ArgumentParser
import Foundation
import PharosCore
import PharosInflux

/// `pharos-influxdb-handler`: a Sensu pipe handler with the flags of sensu-influxdb-handler 3.1.2. Reads one event
/// as JSON on stdin and writes its metric points to InfluxDB 1.x (`POST /write`, line protocol; see
/// ``InfluxLineEncoder`` for the mapping).
///
/// Exit status: 0 when every point was written, or when the event has no metric points (a note goes to stderr);
/// 1 when the input is not a usable event, InfluxDB cannot be reached, InfluxDB answers with a non-2xx status (its
/// `{"error": …}` message goes to stderr), or some points could not be encoded (the others are still written).
@main
struct InfluxDBHandlerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pharos-influxdb-handler",
        abstract: "Sensu pipe handler: write an event's metric points to InfluxDB 1.x.",
        discussion: """
            Reads a Sensu event (JSON) on stdin. Each point becomes one line: measurement = the point name up to \
            its first '.', field = the rest of the name (or 'value'), tags = the point's tags plus \
            sensu_entity_name. Timestamps are normalised to seconds by their number of digits and then written in \
            --precision.
            """
    )

    @OptionGroup var options: InfluxHandlerOptions

    func validate() throws {
        _ = try writer()
    }

    func run() async throws {
        let input = FileHandle.standardInput.readDataToEndOfFile()
        let event: InfluxHandlerInput
        do {
            event = try InfluxHandlerInput.decode(input)
        } catch {
            fail("\(error)")
            throw ExitCode.failure
        }
        guard !event.points.isEmpty else {
            fail("the event has no metrics points; nothing to write to InfluxDB")
            return
        }
        let batch = InfluxLineEncoder(precision: options.resolvedPrecision)
            .encode(event.points, entityName: event.entityName)
        for skipped in batch.skipped {
            fail("skipped \(skipped)")
        }
        if !batch.lines.isEmpty {
            do {
                try await writer().write(batch.body)
            } catch {
                fail("\(error)")
                throw ExitCode.failure
            }
        }
        if !batch.skipped.isEmpty {
            fail("wrote \(batch.lines.count) of \(event.points.count) points")
            throw ExitCode.failure
        }
    }

    /// The writer for the flags, with `INFLUXDB_ADDR`, `INFLUXDB_USER` and `INFLUXDB_PASS` from this process's
    /// environment as fallbacks (a flag wins over its variable).
    private func writer() throws -> InfluxWriter {
        try options.writer(environment: ProcessInfo.processInfo.environment)
    }

    private func fail(_ message: String) {
        FileHandle.standardError.write(Data("pharos-influxdb-handler: \(message)\n".utf8))
    }
}
