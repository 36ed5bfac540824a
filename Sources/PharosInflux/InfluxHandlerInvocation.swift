import ArgumentParser
public import PharosCore

/// A `pharos-influxdb-handler …` command line, parsed once for the backend's built-in InfluxDB sink with the
/// executable's own flag parser (``InfluxHandlerOptions``), resolved against the handler's environment.
public struct InfluxHandlerInvocation: Sendable, Hashable {
    /// The program name a built-in command must have (its last path component).
    public static let programName = "pharos-influxdb-handler"

    /// Where and how points are written.
    public var writer: InfluxWriter
    /// The unit timestamps are written in (`--precision`).
    public var precision: InfluxPrecision

    /// Parses `command` as `sh -c` would split it and as the executable would parse its arguments.
    /// - Parameters:
    ///   - command: the handler's `command`, e.g. `pharos-influxdb-handler -a http://127.0.0.1:8086 -d sensu`; the
    ///     program may be given as a path (`/usr/local/bin/pharos-influxdb-handler`).
    ///   - environment: the environment the pipe process would have had (for `INFLUXDB_ADDR`, `INFLUXDB_USER`,
    ///     `INFLUXDB_PASS`).
    /// - Throws: ``InfluxInvocationError``: an empty command, another program, shell syntax (`$`, pipes, globs…)
    ///   or flags that do not parse or validate.
    public init(command: String, environment: [String: String]) throws(InfluxInvocationError) {
        let words = try ShellWords.split(command)
        guard let program = words.first else { throw InfluxInvocationError(.empty) }
        let base = program.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? program
        guard base == Self.programName else { throw InfluxInvocationError(.notTheInfluxHandler(program)) }
        let options: InfluxHandlerOptions
        do {
            options = try InfluxHandlerOptions.parse(Array(words.dropFirst()))
            writer = try options.writer(environment: environment)
        } catch {
            throw InfluxInvocationError(.invalidFlags(InfluxHandlerOptions.message(for: error)))
        }
        precision = options.resolvedPrecision
    }
}
