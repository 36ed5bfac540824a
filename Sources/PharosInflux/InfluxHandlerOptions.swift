public import ArgumentParser
import Foundation
public import PharosCore

/// The flags of `pharos-influxdb-handler` (those of sensu-influxdb-handler 3.1.2), shared by the executable
/// (`@OptionGroup`) and the backend's built-in InfluxDB sink, which parses a handler's command line with the same
/// parser (``InfluxHandlerInvocation``).
public struct InfluxHandlerOptions: ParsableArguments, Sendable {
    /// `-a`/`--addr`: InfluxDB address, `http://host:port`; `nil` falls back to `INFLUXDB_ADDR`, then
    /// `http://localhost:8086`.
    @Option(
        name: [.customShort("a"), .long],
        help: "InfluxDB address, http://host:port (default: $INFLUXDB_ADDR or http://localhost:8086)."
    )
    public var addr: String?

    /// `-d`/`--db-name`: the database written to (default `sensu`).
    @Option(name: [.customShort("d"), .long], help: "Database to write to.")
    public var dbName = "sensu"

    /// `-u`/`--username`; `nil` falls back to `INFLUXDB_USER`.
    @Option(name: [.customShort("u"), .long], help: "User name (default: $INFLUXDB_USER).")
    public var username: String?

    /// `-p`/`--password`; `nil` falls back to `INFLUXDB_PASS`.
    @Option(name: [.customShort("p"), .long], help: "Password (default: $INFLUXDB_PASS).")
    public var password: String?

    /// `--precision`: the timestamp unit written (`n`, `u`, `ms`, `s`, `m` or `h`; default `s`).
    @Option(help: "Timestamp precision: n, u, ms, s, m or h.")
    public var precision = "s"

    /// `-i`/`--insecure-skip-verify`: do not verify the server's TLS certificate (https only).
    @Flag(name: [.customShort("i"), .long], help: "Do not verify the server's TLS certificate (https only).")
    public var insecureSkipVerify = false

    /// Options with every default (ArgumentParser's requirement).
    public init() {}

    /// Checks the flags that do not depend on the environment: `--precision` and `--db-name`, and `--addr` when it
    /// is given.
    /// - Throws: ArgumentParser's `ValidationError` naming the flag.
    public func validate() throws {
        guard InfluxPrecision(rawValue: precision) != nil else {
            throw ArgumentParser.ValidationError("--precision must be one of n, u, ms, s, m, h (got '\(precision)')")
        }
        guard !dbName.isEmpty else { throw ArgumentParser.ValidationError("--db-name must not be empty") }
        if addr != nil { _ = try writer(environment: [:]) }
    }

    /// The precision named by `--precision` (seconds when it is not valid, which ``validate()`` refuses).
    public var resolvedPrecision: InfluxPrecision {
        InfluxPrecision(rawValue: precision) ?? .seconds
    }

    /// The writer for these flags, with `INFLUXDB_ADDR`, `INFLUXDB_USER` and `INFLUXDB_PASS` from `environment` as
    /// fallbacks (a flag wins over its variable).
    /// - Parameter environment: the handler's environment (the process's for the executable).
    /// - Throws: ArgumentParser's `ValidationError` when the address is not an `http`/`https` URL with a host.
    public func writer(environment: [String: String]) throws -> InfluxWriter {
        let address = addr ?? environment["INFLUXDB_ADDR"] ?? "http://localhost:8086"
        return try InfluxWriter(
            address: address,
            database: dbName,
            precision: resolvedPrecision,
            username: username ?? environment["INFLUXDB_USER"],
            password: password ?? environment["INFLUXDB_PASS"],
            insecureSkipVerify: insecureSkipVerify
        )
    }
}
