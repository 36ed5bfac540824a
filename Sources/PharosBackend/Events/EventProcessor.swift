public import Foundation
public import Logging
public import PharosCore
public import PharosStore

/// Processes every event (reference §7.2): validate, metrics-only events straight to the pipeline, proxy entity
/// attribution, silencing, state merge with the previous event (history, occurrences, watermark, total state
/// change, state, `last_ok`), store, then the pipeline.
///
/// Stored output is cut to the check's `max_output_size` bytes (label `sensu.io/output_truncated_bytes` = bytes
/// dropped); the pipeline receives the untruncated event. Each stored event arms its TTL switch in the
/// ``TTLMonitor`` when one is given.
///
/// The latest event per key is cached, so after the first event of a key no database read happens for the merge.
/// The namespace's silences are cached for `silenceRefresh` (1 s by default).
public actor EventProcessor: EventSink, EventStateCache {
    private let store: any Store
    private let pipeline: any EventPipeline
    private let logger: Logger
    private let now: @Sendable () -> Int64
    private let silenceRefresh: Int64
    private let ttl: TTLMonitor?

    private var latest: [EventStorageKey: Event] = [:]
    private var proxies: [String: Entity] = [:]
    private var silences: [String: (loadedAt: Int64, rules: [SilenceRule])] = [:]

    /// Events dropped because they were invalid or could not be stored.
    public private(set) var droppedCount = 0
    /// Events handed to the pipeline.
    public private(set) var processedCount = 0

    /// Creates the processor.
    /// - Parameters:
    ///   - store: Where entities, silences and events live.
    ///   - pipeline: Where processed events go.
    ///   - logger: Where dropped events are logged.
    ///   - silenceRefresh: How long the silences of a namespace are cached, seconds (default 1).
    ///   - now: The wall clock in Unix seconds (injected for tests).
    ///   - ttl: The TTL switches armed by stored events (`nil`: none).
    public init(
        store: any Store, pipeline: any EventPipeline, logger: Logger, silenceRefresh: Int64 = 1,
        now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }, ttl: TTLMonitor? = nil
    ) {
        self.ttl = ttl
        self.store = store
        self.pipeline = pipeline
        self.logger = logger
        self.silenceRefresh = silenceRefresh
        self.now = now
    }

    /// Processes one event; failures are logged and counted, never thrown.
    public func process(_ event: Event) async {
        do {
            guard let processed = try await prepare(event) else { return }
            processedCount += 1
            await pipeline.handle(processed)
        } catch {
            droppedCount += 1
            logger.warning(
                "event dropped",
                metadata: [
                    "entity.name": "\(event.entity?.metadata.name ?? "")",
                    "check.name": "\(event.check?.metadata.name ?? "")", "error": "\(error)",
                ])
        }
    }

    /// Forgets cached events after deletions elsewhere.
    public func forget(namespace: String, entity: String, check: String?) async {
        await ttl?.bury(namespace: namespace, entity: entity, check: check)
        for key in latest.keys where key.namespace == namespace && key.entity == entity {
            if check == nil || key.check == check { latest.removeValue(forKey: key) }
        }
        proxies.removeValue(forKey: namespace + "/" + entity)
    }

    /// Validates, attributes, silences, merges and stores; returns the event for the pipeline, `nil` if dropped.
    private func prepare(_ input: Event) async throws -> Event? {
        var event = input
        do { try event.validate() } catch {
            droppedCount += 1
            logger.info(
                "invalid event dropped",
                metadata: ["entity.name": "\(event.entity?.metadata.name ?? "")", "error": "\(error)"])
            return nil
        }
        let timestamp = now()
        if event.timestamp == 0 { event.timestamp = timestamp }
        if event.metadata.namespace.isEmpty { event.metadata.namespace = event.entity?.metadata.namespace ?? "" }
        guard var check = event.check else { return event }
        if check.metadata.namespace.isEmpty { check.metadata.namespace = event.metadata.namespace }

        event.entity = try await attributedEntity(event, check: check)
        let entity = event.entity ?? Entity()
        if !check.proxyEntityName.isEmpty {
            check.command = Self.redactingSecrets(in: check.command, of: entity)
        }

        let rules = try await silenceRules(namespace: event.metadata.namespace, now: timestamp)
        check.silenced = SilenceRule.silencedBy(
            rules, checkName: check.metadata.name, checkSubscriptions: check.subscriptions,
            entityName: entity.metadata.name, entitySubscriptions: entity.subscriptions,
            entityIsProxy: !check.proxyEntityName.isEmpty || entity.entityClass == "proxy", at: timestamp)
        check.isSilenced = !check.silenced.isEmpty

        if check.executed == 0 { check.executed = event.timestamp }
        event.check = check
        let key = try EventStorageKey(event)
        let previous: Event?
        if let cached = latest[key] {
            previous = cached
        } else {
            previous = try await store.event(namespace: key.namespace, entity: key.entity, check: key.check)
        }
        let transition = CheckState.transition(
            from: previous?.check.map(Self.state), status: check.status, executed: check.executed,
            lowFlapThreshold: check.lowFlapThreshold, highFlapThreshold: check.highFlapThreshold)
        let merged = transition.current
        check.history = merged.history
        check.occurrences = merged.occurrences
        check.occurrencesWatermark = merged.occurrencesWatermark
        check.totalStateChange = merged.totalStateChange
        check.state = merged.state.rawValue
        check.lastOK = merged.lastOK
        event.check = check

        let stored = Self.truncated(event)
        try await store.putEvent(stored)
        latest[key] = stored
        await ttl?.arm(event)
        if transition.isResolution, check.isSilenced {
            try await expireOnResolution(rules, event: event)
        }
        return event
    }

    /// `text` with every value of the entity's redacted labels and annotations (`redact`, or Sensu's default
    /// keys) replaced by `REDACTED`, longest values first. A proxy check's command arrives token-substituted on the
    /// backend against the proxy entity; the secret belongs on the executed command line only, not in the stored
    /// event nor in what handlers receive (#18 item 17).
    public static func redactingSecrets(in text: String, of entity: Entity) -> String {
        let keys = Set((entity.redact.isEmpty ? Entity.defaultRedactedKeys : entity.redact).map { $0.lowercased() })
        let pairs = Array(entity.metadata.labels) + Array(entity.metadata.annotations)
        let secrets = Set(
            pairs.filter { keys.contains($0.key.lowercased()) && !$0.value.isEmpty && $0.value != Entity.redactedValue }
                .map(\.value))
        var result = text
        for secret in secrets.sorted(by: { $0.count > $1.count }) {
            result = result.replacingOccurrences(of: secret, with: Entity.redactedValue)
        }
        return result
    }

    /// Deletes the silences of a resolved event that have `expire_on_resolve` (reference §7.2 step 4).
    private func expireOnResolution(_ rules: [SilenceRule], event: Event) async throws {
        let names = SilenceRule.expiringOnResolution(rules, silencedNames: event.check?.silenced ?? [])
        guard !names.isEmpty else { return }
        for name in names {
            _ = try await store.deleteResource(.silenced, namespace: event.metadata.namespace, name: name)
        }
        silences.removeValue(forKey: event.metadata.namespace)
    }

    /// The label Sensu puts on an event whose stored output was truncated: the number of bytes dropped.
    public static let truncatedBytesLabel = "sensu.io/output_truncated_bytes"

    /// The event as stored: output cut to `max_output_size` bytes (at a character boundary) with the
    /// ``truncatedBytesLabel`` label when the check sets a limit and the output is longer (reference §5.6).
    public static func truncated(_ event: Event) -> Event {
        guard var check = event.check, check.maxOutputSize > 0 else { return event }
        let bytes = Array(check.output.utf8)
        guard bytes.count > Int(check.maxOutputSize) else { return event }
        var cut = Int(check.maxOutputSize)
        while cut > 0, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
        check.output = String(decoding: bytes[..<cut], as: UTF8.self)
        check.metadata.labels[truncatedBytesLabel] = String(bytes.count - cut)
        var result = event
        result.check = check
        return result
    }

    /// The state part of a stored check result.
    static func state(of check: Check) -> CheckState {
        CheckState(
            history: check.history, occurrences: check.occurrences,
            occurrencesWatermark: check.occurrencesWatermark, totalStateChange: check.totalStateChange,
            state: CheckStateName(rawValue: check.state) ?? .passing, lastOK: check.lastOK)
    }

    /// Proxy attribution: `check.proxy_entity_name`, or a non-agent entity, is looked up (and created, class
    /// `proxy`, with `entity:<name>`, when missing); the event then carries the stored entity.
    private func attributedEntity(_ event: Event, check: Check) async throws -> Entity? {
        let namespace = event.metadata.namespace
        let proxyName = check.proxyEntityName
        guard !proxyName.isEmpty || (event.entity.map { $0.entityClass != "agent" } ?? false) else {
            return event.entity
        }
        let name = proxyName.isEmpty ? (event.entity?.metadata.name ?? "") : proxyName
        let cacheKey = namespace + "/" + name
        if let cached = proxies[cacheKey] { return cached }
        if let config = try await store.entityConfig(namespace: namespace, name: name) {
            let state = try await store.entityState(namespace: namespace, name: name)
            let entity = Entity(config: config, state: state ?? EntityState(metadata: config.metadata))
            proxies[cacheKey] = entity
            return entity
        }
        var config: EntityConfig
        if proxyName.isEmpty, let posted = event.entity {
            config = posted.config
        } else {
            config = EntityConfig(metadata: ObjectMeta(name: name, namespace: namespace), entityClass: "proxy")
        }
        config.metadata.namespace = namespace
        if config.entityClass.isEmpty { config.entityClass = "proxy" }
        let own = SilenceRule.entitySubscription(for: name)
        if !config.subscriptions.contains(own) { config.subscriptions.append(own) }
        try await store.putEntityConfig(config)
        let entity = Entity(config: config, state: EntityState(metadata: config.metadata))
        proxies[cacheKey] = entity
        return entity
    }

    /// The silences of a namespace as rules, cached for `silenceRefresh` seconds.
    private func silenceRules(namespace: String, now: Int64) async throws -> [SilenceRule] {
        if let cached = silences[namespace], now - cached.loadedAt < silenceRefresh { return cached.rules }
        let rules = try await store.resources(Silenced.self, namespace: namespace).map { silenced in
            let expireAt =
                silenced.expireAt != 0
                ? silenced.expireAt : (silenced.expire > 0 ? silenced.begin + silenced.expire : 0)
            return SilenceRule(
                subscription: silenced.subscription, check: silenced.check, begin: silenced.begin,
                expireAt: expireAt, expireOnResolve: silenced.expireOnResolve)
        }
        silences[namespace] = (now, rules)
        return rules
    }
}
