/// Why one handler of an event's pipeline did not run to completion. `description` names what failed and why; the
/// runner adds the entity, check and handler names in its log metadata.
public struct PipelineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A message safe to show an operator.
    public var description: String

    private init(_ description: String) {
        self.description = description
    }

    /// A referenced resource (handler, filter, mutator, asset) does not exist.
    public static func missing(_ type: String, name: String) -> PipelineError {
        PipelineError("\(type) \"\(name)\" not found")
    }

    /// A mutator failed (non-zero exit, timeout, unsupported type, no check for `only_check_output`).
    public static func mutator(_ name: String, reason: String) -> PipelineError {
        PipelineError("mutator \"\(name)\" failed: \(reason)")
    }

    /// A handler failed (non-zero exit, timeout, start failure, unknown type).
    public static func handler(_ name: String, reason: String) -> PipelineError {
        PipelineError("handler \"\(name)\" failed: \(reason)")
    }

    /// Runtime assets could not be prepared.
    public static func assets(_ owner: String, reason: String) -> PipelineError {
        PipelineError("runtime assets of \(owner) failed: \(reason)")
    }

    /// A `tcp`/`udp` delivery failed.
    public static func socket(host: String, port: Int, reason: String) -> PipelineError {
        PipelineError("socket \(host):\(port) failed: \(reason)")
    }
}
