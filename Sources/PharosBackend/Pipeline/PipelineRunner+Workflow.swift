import Foundation
import Logging
import PharosCore
import PharosStore

extension PipelineRunner {
    /// The workflows to run for `event`: the legacy pipeline (`check.handlers` ∪ `metrics.handlers`, sets
    /// expanded) and the workflows of the `Pipeline` resources named in `event.pipelines` and `check.pipelines`.
    /// Missing handlers, pipelines and too-deep sets are logged, counted and skipped.
    func plan(_ event: Event) async -> (plans: [WorkflowPlan], resources: PipelineResources?) {
        counters.eventsProcessed += 1
        let references = Self.pipelineReferences(of: event)
        let names = HandlerSetExpansion.handlerNames(of: event)
        guard !names.isEmpty || !references.isEmpty else { return ([], nil) }
        let resources: PipelineResources
        do {
            resources = try await self.resources(namespace: Self.namespace(of: event))
        } catch {
            counters.handlerFailures += 1
            logger.warning("pipeline resources could not be read", metadata: Self.metadata(event, error: "\(error)"))
            return ([], nil)
        }
        var plans: [WorkflowPlan] = []
        for (handler, setFilters) in expand(names, event: event, resources: resources) {
            plans.append(
                WorkflowPlan(
                    source: "legacy", filters: setFilters + handler.filters, mutator: handler.mutator, handler: handler)
            )
        }
        for reference in references {
            guard reference.type.isEmpty || reference.type == "Pipeline",
                let pipeline = resources.pipelines[reference.name]
            else {
                counters.missingResources += 1
                logger.warning(
                    "pipeline not found, skipped", metadata: Self.metadata(event, error: "pipeline \(reference.name)"))
                continue
            }
            for workflow in pipeline.workflows {
                guard let handlerName = workflow.handler?.name else { continue }
                for (handler, setFilters) in expand([handlerName], event: event, resources: resources) {
                    plans.append(
                        WorkflowPlan(
                            source: "\(pipeline.metadata.name)/\(workflow.name)",
                            filters: workflow.filters.map(\.name) + setFilters,
                            mutator: workflow.mutator?.name ?? "", handler: handler))
                }
            }
        }
        return (plans, resources)
    }

    /// The pipeline references of an event: `event.pipelines` then `check.pipelines`, each once.
    static func pipelineReferences(of event: Event) -> [ResourceReference] {
        var seen: Set<String> = []
        return (event.pipelines + (event.check?.pipelines ?? [])).filter { seen.insert($0.name).inserted }
    }

    /// Expands handler names (sets up to 3 deep) into handlers with the filters of the sets they were reached
    /// through; logs and counts missing handlers and too-deep sets.
    private func expand(_ names: [String], event: Event, resources: PipelineResources) -> [(Handler, [String])] {
        guard !names.isEmpty else { return [] }
        let expansion = HandlerSetExpansion(names: names, lookup: { resources.handlers[$0] })
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
        return expansion.handlers.map { ($0, expansion.setFilters[$0.metadata.name] ?? []) }
    }

    /// The cached resource snapshot of a namespace, reloaded when older than `resourceRefresh`.
    func resources(namespace: String) async throws -> PipelineResources {
        let now = Date()
        if let cached = resourceCache[namespace], now.timeIntervalSince(cached.loadedAt) < resourceRefresh,
            now >= cached.loadedAt
        {
            return cached
        }
        let snapshot = PipelineResources(
            handlers: try await store.resources(Handler.self, namespace: namespace),
            filters: try await store.resources(EventFilter.self, namespace: namespace),
            mutators: try await store.resources(Mutator.self, namespace: namespace),
            pipelines: try await store.resources(Pipeline.self, namespace: namespace), loadedAt: now)
        resourceCache[namespace] = snapshot
        counters.resourceReloads += 1
        return snapshot
    }

    /// Forgets the cached resources (all namespaces), so the next event reads the store again.
    public func invalidateResources() {
        resourceCache.removeAll()
    }

    /// Runs one workflow for `event`: filters, mutator, handler. Never throws; failures are logged and counted.
    nonisolated func execute(_ plan: WorkflowPlan, for event: Event, resources: PipelineResources) async {
        let handler = plan.handler
        let name = handler.metadata.name
        guard await passesFilters(plan, event, resources: resources) else { return }
        // The built-in sink reads the points straight from the event when the payload would be the event JSON.
        let unmutated = handler.type == "pipe" && handler.isBuiltin && (plan.mutator.isEmpty || plan.mutator == "json")
        let payload: [UInt8]
        do {
            payload = unmutated ? [] : try await mutate(event, mutatorName: plan.mutator, resources: resources)
        } catch {
            await record {
                $0.mutatorFailures += 1
                $0.failuresByHandler[name, default: 0] += 1
            }
            logger.warning(
                "mutator failed, handler skipped", metadata: Self.metadata(event, handler: name, error: "\(error)"))
            return
        }
        do {
            if handler.type == "pipe" && handler.isBuiltin {
                try await deliverBuiltin(unmutated ? nil : payload, to: handler, event: event)
            } else {
                try await deliver(payload, to: handler, event: event)
            }
            await record { $0.handlersSucceeded += 1 }
            logger.debug("handler finished", metadata: Self.metadata(event, handler: name))
        } catch {
            await record {
                $0.handlerFailures += 1
                $0.failuresByHandler[name, default: 0] += 1
            }
            logger.warning("handler failed", metadata: Self.metadata(event, handler: name, error: "\(error)"))
        }
    }

    /// Whether every filter of the workflow lets the event through (missing filters are logged and skipped).
    private nonisolated func passesFilters(_ plan: WorkflowPlan, _ event: Event, resources: PipelineResources) async
        -> Bool
    {
        var binding: JSONValue?
        let handlerName = plan.handler.metadata.name
        for filterName in plan.filters {
            let result: EventFilterEvaluation
            if let builtIn = EventFilterEvaluation.builtIn(filterName, event: event) {
                result = builtIn
            } else {
                guard let filter = resources.filters[filterName] else {
                    await record { $0.missingResources += 1 }
                    logger.warning(
                        "filter not found, skipped",
                        metadata: Self.metadata(event, handler: handlerName, error: filterName))
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
                        metadata: Self.metadata(event, handler: handlerName, error: "\(filterName): \(error)"))
                }
            }
            if !result.passes {
                await record { $0.eventsFiltered += 1 }
                logger.debug("event filtered", metadata: Self.metadata(event, handler: handlerName, error: filterName))
                return false
            }
        }
        return true
    }

    /// The payload: the event JSON (`json`, the default), `check.output` (`only_check_output`) or the standard
    /// output of a pipe `Mutator`.
    private nonisolated func mutate(_ event: Event, mutatorName name: String, resources: PipelineResources)
        async throws -> [UInt8]
    {
        switch name {
        case "", "json":
            return try Self.json(event)
        case "only_check_output":
            guard let check = event.check else { throw PipelineError.mutator(name, reason: "the event has no check") }
            return Array(check.output.utf8)
        default:
            guard let mutator = resources.mutators[name] else {
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
        return Handler.applying(envVars, to: environment)
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
