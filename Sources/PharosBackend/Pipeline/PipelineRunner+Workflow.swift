import Foundation
import Logging
import PharosCore
import PharosStore

extension PipelineRunner {
    /// The handlers to run for `event` (legacy pipeline); logs and counts missing handlers and too-deep sets.
    func plan(_ event: Event) async -> [Handler] {
        counters.eventsProcessed += 1
        if !event.pipelines.isEmpty {
            logger.debug(
                "pipeline resources are not supported yet, skipped",
                metadata: Self.metadata(event, error: event.pipelines.map(\.name).joined(separator: ",")))
        }
        let names = HandlerSetExpansion.handlerNames(of: event)
        guard !names.isEmpty else { return [] }
        let stored: [Handler]
        do {
            stored = try await store.resources(Handler.self, namespace: Self.namespace(of: event))
        } catch {
            counters.handlerFailures += 1
            logger.warning("handlers could not be read", metadata: Self.metadata(event, error: "\(error)"))
            return []
        }
        let byName = Dictionary(stored.map { ($0.metadata.name, $0) }, uniquingKeysWith: { first, _ in first })
        let expansion = HandlerSetExpansion(names: names, lookup: { byName[$0] })
        for name in expansion.missing {
            counters.missingResources += 1
            logger.warning("handler not found, skipped", metadata: Self.metadata(event, handler: name))
        }
        for name in expansion.tooDeep {
            counters.setsTooDeep += 1
            logger.warning(
                "handler set nested more than 3 levels deep, its members are skipped",
                metadata: Self.metadata(event, handler: name))
        }
        return expansion.handlers
    }

    /// Runs one handler for `event`: filters, mutator, handler. Never throws; failures are logged and counted.
    nonisolated func execute(_ handler: Handler, for event: Event) async {
        let name = handler.metadata.name
        do {
            guard try await passesFilters(handler, event) else { return }
        } catch {
            await record { $0.missingResources += 1 }
            logger.warning("filter could not be read", metadata: Self.metadata(event, handler: name, error: "\(error)"))
            return
        }
        let payload: [UInt8]
        do {
            payload = try await mutate(event, for: handler)
        } catch {
            await record { $0.mutatorFailures += 1 }
            logger.warning(
                "mutator failed, handler skipped", metadata: Self.metadata(event, handler: name, error: "\(error)"))
            return
        }
        do {
            try await deliver(payload, to: handler, event: event)
            await record { $0.handlersSucceeded += 1 }
            logger.debug("handler finished", metadata: Self.metadata(event, handler: name))
        } catch {
            await record { $0.handlerFailures += 1 }
            logger.warning("handler failed", metadata: Self.metadata(event, handler: name, error: "\(error)"))
        }
    }

    /// Whether every filter of `handler` lets the event through.
    private nonisolated func passesFilters(_ handler: Handler, _ event: Event) async throws -> Bool {
        var binding: JSONValue?
        for filterName in handler.filters {
            let result: EventFilterEvaluation
            if let builtIn = EventFilterEvaluation.builtIn(filterName, event: event) {
                result = builtIn
            } else {
                let namespace = Self.namespace(of: event)
                guard let filter = try await store.resource(EventFilter.self, namespace: namespace, name: filterName)
                else {
                    await record { $0.missingResources += 1 }
                    logger.warning(
                        "filter not found, skipped",
                        metadata: Self.metadata(event, handler: handler.metadata.name, error: filterName))
                    continue
                }
                let eventBinding = binding ?? EventFilterEvaluation.eventBinding(event)
                binding = eventBinding
                result = EventFilterEvaluation(filter: filter, binding: eventBinding, now: Date())
            }
            if !result.errors.isEmpty {
                let count = result.errors.count
                await record { $0.filterErrors += count }
                for error in result.errors {
                    logger.warning(
                        "filter expression failed, skipped",
                        metadata: Self.metadata(event, handler: handler.metadata.name, error: "\(filterName): \(error)")
                    )
                }
            }
            if !result.passes {
                await record { $0.eventsFiltered += 1 }
                logger.debug(
                    "event filtered", metadata: Self.metadata(event, handler: handler.metadata.name, error: filterName))
                return false
            }
        }
        return true
    }

    /// The payload for `handler`: the event JSON (`json`, the default), `check.output` (`only_check_output`) or the
    /// standard output of a pipe `Mutator`.
    private nonisolated func mutate(_ event: Event, for handler: Handler) async throws -> [UInt8] {
        let name = handler.mutator
        switch name {
        case "", "json":
            return try Self.json(event)
        case "only_check_output":
            guard let check = event.check else { throw PipelineError.mutator(name, reason: "the event has no check") }
            return Array(check.output.utf8)
        default:
            guard let mutator = try await store.resource(Mutator.self, namespace: Self.namespace(of: event), name: name)
            else {
                await record { $0.missingResources += 1 }
                throw PipelineError.missing("mutator", name: name)
            }
            guard mutator.type.isEmpty || mutator.type == "pipe" else {
                throw PipelineError.mutator(name, reason: "type \"\(mutator.type)\" is not supported")
            }
            let environment = try await commandEnvironment(
                envVars: mutator.envVars, runtimeAssets: mutator.runtimeAssets, owner: "mutator \"\(name)\"",
                event: event)
            let result = try await PipeCommand.run(
                mutator.command, stdin: try Self.json(event), environment: environment,
                timeout: mutator.timeout > 0 ? .seconds(Int64(mutator.timeout)) : nil, outputLimit: 64 << 20,
                mergeStandardError: false)
            if result.timedOut { await record { $0.timeouts += 1 } }
            guard result.succeeded else { throw PipelineError.mutator(name, reason: result.summary) }
            return result.output
        }
    }

    /// Hands `payload` to `handler`.
    private nonisolated func deliver(_ payload: [UInt8], to handler: Handler, event: Event) async throws {
        let name = handler.metadata.name
        switch handler.type {
        case "pipe":
            let environment = try await commandEnvironment(
                envVars: handler.envVars, runtimeAssets: handler.runtimeAssets, owner: "handler \"\(name)\"",
                event: event)
            let result = try await PipeCommand.run(
                handler.command, stdin: payload, environment: environment,
                timeout: handler.timeout > 0 ? .seconds(Int64(handler.timeout)) : nil)
            if result.timedOut { await record { $0.timeouts += 1 } }
            guard result.succeeded else {
                let output = String(decoding: result.output.prefix(512), as: UTF8.self)
                throw PipelineError.handler(name, reason: "\(result.summary): \(output)")
            }
        case "tcp", "udp":
            guard let socket = handler.socket, !socket.host.isEmpty, socket.port > 0 else {
                throw PipelineError.handler(name, reason: "no socket host and port")
            }
            let timeout: Duration = .seconds(Int64(handler.timeout == 0 ? 60 : handler.timeout))
            do {
                try await SocketDelivery.send(
                    payload, host: socket.host, port: Int(socket.port), transport: handler.type, timeout: timeout)
            } catch {
                throw PipelineError.handler(name, reason: error.description)
            }
        default:
            throw PipelineError.handler(name, reason: "type \"\(handler.type)\" is not supported")
        }
    }

    /// The environment of a pipe command: the base environment, then the runtime assets (PATH, LD_LIBRARY_PATH and
    /// CPATH prepended, `<ASSET>_PATH`), then `env_vars` (`KEY=VALUE`; PATH-like values are prepended too).
    private nonisolated func commandEnvironment(
        envVars: [String], runtimeAssets: [String], owner: String, event: Event
    ) async throws -> [String: String] {
        var environment = baseEnvironment
        if !runtimeAssets.isEmpty {
            var resolved: [Asset] = []
            for assetName in runtimeAssets {
                guard
                    let asset = try await store.resource(
                        Asset.self, namespace: Self.namespace(of: event), name: assetName)
                else {
                    await record { $0.missingResources += 1 }
                    throw PipelineError.missing("asset", name: assetName)
                }
                resolved.append(asset)
            }
            do {
                environment = try await assets.prepare(resolved, for: assetEntity).applied(to: environment)
            } catch {
                await record { $0.assetFailures += 1 }
                throw PipelineError.assets(owner, reason: "\(error)")
            }
        }
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

    /// The event JSON handed to mutators and handlers (entity redacted).
    static func json(_ event: Event) throws -> [UInt8] {
        var redacted = event
        redacted.entity = event.entity?.redacted()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(redacted))
    }
}
