import Foundation
import Logging
import PharosCore
import PharosInflux

extension PipelineRunner {
    /// Runs a built-in handler (`pharos.io/builtin: "true"`): its `pharos-influxdb-handler` command line (parsed
    /// once per command and `env_vars`) decides the destination and precision, the payload is decoded as the pipe
    /// handler decodes its stdin — or, for the `json` mutator, the points are taken from the event itself — encoded
    /// with the same ``InfluxLineEncoder`` and queued in the ``BuiltinInfluxSink``.
    /// - Parameters:
    ///   - payload: the mutator's output, or `nil` when the payload is the event JSON.
    ///   - handler: the handler.
    ///   - event: the event.
    /// - Throws: ``PipelineError`` (`handler`) when the command cannot run built in, the payload is not an event,
    ///   some points cannot be encoded (the others are queued, as the pipe handler writes them) or the sink's queue
    ///   is full.
    nonisolated func deliverBuiltin(_ payload: [UInt8]?, to handler: Handler, event: Event) async throws {
        let name = handler.metadata.name
        let invocation: InfluxHandlerInvocation
        switch await builtinInvocation(for: handler) {
        case .success(let parsed): invocation = parsed
        case .failure(let error): throw PipelineError.handler(name, reason: error.description)
        }
        let input: InfluxHandlerInput
        if let payload {
            do {
                input = try InfluxHandlerInput.decode(Data(payload))
            } catch {
                throw PipelineError.handler(name, reason: error.description)
            }
        } else {
            input = InfluxHandlerInput(
                entityName: event.entity?.metadata.name ?? "", points: event.metrics?.points ?? [])
        }
        guard !input.points.isEmpty else { return }
        let batch = InfluxLineEncoder(precision: invocation.precision).encode(
            input.points, entityName: input.entityName)
        let queued = await builtinSink.enqueue(batch.lines, handler: name, writer: invocation.writer)
        var problems = batch.skipped.map { "skipped \($0)" }
        if queued < batch.lines.count {
            problems.append("\(batch.lines.count - queued) points dropped: the built-in sink's queue is full")
        }
        if !problems.isEmpty {
            throw PipelineError.handler(
                name,
                reason: problems.joined(separator: "; ") + " (queued \(queued) of \(input.points.count) points)")
        }
    }

    /// The parsed command line of a built-in handler, cached by command and `env_vars`.
    func builtinInvocation(for handler: Handler) -> Result<InfluxHandlerInvocation, InfluxInvocationError> {
        let key = ([handler.command] + handler.envVars).joined(separator: "\u{0}")
        if let cached = builtinInvocations[key] { return cached }
        let result = Result { () throws(InfluxInvocationError) -> InfluxHandlerInvocation in
            try handler.builtinInvocation(environment: baseEnvironment)
        }
        builtinInvocations[key] = result
        return result
    }
}
