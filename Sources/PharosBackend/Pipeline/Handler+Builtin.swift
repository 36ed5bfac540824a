public import PharosCore
public import PharosInflux

extension Handler {
    /// The annotation that asks the backend to run a handler in-process (`pharos.io/builtin: "true"`). Only a pipe
    /// handler whose command is `pharos-influxdb-handler …` can run so, in the ``BuiltinInfluxSink``.
    public static let builtinAnnotation = "pharos.io/builtin"

    /// Whether the handler carries `pharos.io/builtin: "true"` (a Pharos extension; Sensu Go has no such handler).
    public var isBuiltin: Bool {
        metadata.annotations[Self.builtinAnnotation] == "true"
    }

    /// Checks that a handler annotated `pharos.io/builtin: "true"` can run built in: type `pipe` and a
    /// `pharos-influxdb-handler` command line whose flags parse (resolved against `environment` plus the handler's
    /// `env_vars`). Handlers without the annotation pass.
    /// - Parameter environment: the environment the pipe process would start from (the backend's).
    /// - Throws: `ValidationError` on `type` or `command` with the reason.
    public func validateBuiltin(environment: [String: String]) throws(ValidationError) {
        guard isBuiltin else { return }
        guard type == "pipe" else {
            throw ValidationError(
                field: "type",
                message: "must be pipe for a handler annotated \(Self.builtinAnnotation): \"true\" (got \"\(type)\")")
        }
        do {
            _ = try builtinInvocation(environment: environment)
        } catch {
            throw ValidationError(field: "command", message: error.description)
        }
    }

    /// The built-in sink's reading of this handler's command.
    /// - Parameter environment: the environment the pipe process would start from; `env_vars` are applied on top.
    /// - Throws: ``InfluxInvocationError`` when the command cannot run built in.
    public func builtinInvocation(environment: [String: String]) throws(InfluxInvocationError)
        -> InfluxHandlerInvocation
    {
        try InfluxHandlerInvocation(command: command, environment: Self.applying(envVars, to: environment))
    }

    /// `environment` with `KEY=VALUE` pairs applied; `PATH`, `LD_LIBRARY_PATH` and `CPATH` values are prepended to
    /// the existing value (Sensu Go's handler environment rule). Pairs without `=` are ignored.
    static func applying(_ envVars: [String], to environment: [String: String]) -> [String: String] {
        var environment = environment
        for pair in envVars {
            guard let separator = pair.firstIndex(of: "=") else { continue }
            let key = String(pair[..<separator])
            let value = String(pair[pair.index(after: separator)...])
            if ["PATH", "LD_LIBRARY_PATH", "CPATH"].contains(key), let existing = environment[key], !existing.isEmpty {
                environment[key] = value + ":" + existing
            } else {
                environment[key] = value
            }
        }
        return environment
    }
}
