import ArgumentParser
import Foundation
import PharosCore

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

    @Option(
        name: [.customShort("a"), .long],
        help: "InfluxDB address, http://host:port (default: $INFLUXDB_ADDR or http://localhost:8086)."
    )
    var addr: String?

    @Option(name: [.customShort("d"), .long], help: "Database to write to.")
    var dbName = "sensu"

    @Option(name: [.customShort("u"), .long], help: "User name (default: $INFLUXDB_USER).")
    var username: String?

    @Option(name: [.customShort("p"), .long], help: "Password (default: $INFLUXDB_PASS).")
    var password: String?

    @Option(help: "Timestamp precision: n, u, ms, s, m or h.")
    var precision = "s"

    @Flag(name: [.customShort("i"), .long], help: "Do not verify the server's TLS certificate (https only).")
    var insecureSkipVerify = false

    func validate() throws {
        guard InfluxPrecision(rawValue: precision) != nil else {
            throw ValidationError("--precision must be one of n, u, ms, s, m, h (got '\(precision)')")
        }
        guard !dbName.isEmpty else { throw ValidationError("--db-name must not be empty") }
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
        let batch = InfluxLineEncoder(precision: InfluxPrecision(rawValue: precision) ?? .seconds)
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

    /// The writer for the flags, with `INFLUXDB_ADDR`, `INFLUXDB_USER` and `INFLUXDB_PASS` as fallbacks
    /// (a flag wins over its variable).
    private func writer() throws -> InfluxWriter {
        let environment = ProcessInfo.processInfo.environment
        let address = addr ?? environment["INFLUXDB_ADDR"] ?? "http://localhost:8086"
        return try InfluxWriter(
            address: address,
            database: dbName,
            precision: InfluxPrecision(rawValue: precision) ?? .seconds,
            username: username ?? environment["INFLUXDB_USER"],
            password: password ?? environment["INFLUXDB_PASS"],
            insecureSkipVerify: insecureSkipVerify
        )
    }

    private func fail(_ message: String) {
        FileHandle.standardError.write(Data("pharos-influxdb-handler: \(message)\n".utf8))
    }
}
