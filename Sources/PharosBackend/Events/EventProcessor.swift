public import Foundation
public import Logging
public import PharosCore
public import PharosStore
public import ServiceLifecycle

/// Processes every event (reference §7.2): validate, metrics-only events straight to the pipeline, proxy entity
/// attribution, silencing, state merge with the previous event (history, occurrences, watermark, total state
/// change, state, `last_ok`), store, then the pipeline.
///
/// Ordering (issue #12): every event goes through the per-key ``EventLanes``, so the events of one
/// `(namespace, entity, check)` are merged strictly in arrival order — each one from the state its predecessor left —
/// while different keys proceed in parallel. The merge updates the latest-event cache at once; the store write and
/// the pipeline hand-off then run off the lane, chained per key (one key's writes and hand-offs stay in order,
/// different keys' writes reach the store together so its group commit batches them). A failed write is counted,
/// logged and forgets the cached state of its key so the next event merges from the store again.
///
/// Stored output is cut to the check's `max_output_size` bytes (label `sensu.io/output_truncated_bytes` = bytes
/// dropped); the pipeline receives the untruncated event. Each stored event arms its TTL switch in the
/// ``TTLMonitor`` when one is given.
///
/// The latest event per key is cached, so after the first event of a key no database read happens for the merge.
/// While the processor runs as a service it follows the store's change feed: proxy entities and the silences of a
/// namespace are cached until the feed reports them changed (a proxy event first waits until the feed has caught
/// up, so an entity updated through the API is seen by the next event). Not running, it caches neither.
public actor EventProcessor: EventSink, Service {
    private let store: any Store
    private let pipeline: any EventPipeline
    private let logger: Logger
    private let now: @Sendable () -> Int64
    private let feed = FeedProgress()
    private let ttl: TTLMonitor?
    private let lanes: EventLanes

    private var latest: [EventStorageKey: Event] = [:]
    private var proxies: [String: Entity] = [:]
    private var silences: [String: [SilenceRule]] = [:]
    /// The last write (and hand-off) started per key; the next one of the key waits for it.
    private var writes: [EventLaneKey: (id: UInt64, task: Task<Void, Never>)] = [:]
    private var nextWriteID: UInt64 = 0

    /// Events dropped because they were invalid or could not be stored.
    public private(set) var droppedCount = 0
    /// Events handed to the pipeline.
    public private(set) var processedCount = 0

    /// Creates the processor.
    /// - Parameters:
    ///   - store: Where entities, silences and events live.
    ///   - pipeline: Where processed events go.
    ///   - logger: Where dropped events are logged.
    ///   - now: The wall clock in Unix seconds (injected for tests).
    ///   - ttl: The TTL switches armed by stored events (`nil`: none).
    ///   - lanes: The number of per-key serial lanes (default: one per core, ``EventLanes/defaultCount``).
    public init(
        store: any Store, pipeline: any EventPipeline, logger: Logger,
        now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }, ttl: TTLMonitor? = nil,
        lanes: Int = EventLanes.defaultCount
    ) {
        self.ttl = ttl
        self.store = store
        self.pipeline = pipeline
        self.logger = logger
        self.now = now
        self.lanes = EventLanes(count: lanes)
    }

    /// Processes one event and returns once it is stored and handed to the pipeline (or dropped); failures are
    /// logged and counted, never thrown.
    public nonisolated func process(_ event: Event) async {
        let key = EventLaneKey(event)
        let finishing = await lanes.lane(for: key).run { await self.merge(event, key: key) }
        await finishing?.value
    }

    /// Hands an event that is not stored (registration, deregistration, the resolution copies sent on
    /// de-registration) to the pipeline in its key's order: after every event of the key received before it.
    public nonisolated func forward(_ event: Event) async {
        let key = EventLaneKey(event)
        let finishing = await lanes.lane(for: key).run { await self.chain(key: key) { await $0.handOff(event) } }
        await finishing?.value
    }

    /// Follows the store's change feed until graceful shutdown, dropping the cached proxy entities and silences the
    /// changes name (everything on a resync).
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await self.feed.follow(self.store) { item in await self.apply(item) }
        }
    }

    private func apply(_ item: StoreFeedItem) {
        switch item {
        case .resync:
            proxies.removeAll()
            silences.removeAll()
        case .change(let change):
            switch change.subject {
            case .entityConfig(let namespace, let name), .entity(let namespace, let name):
                proxies.removeValue(forKey: namespace + "/" + name)
            case .resource(.silenced, let namespace, _):
                silences.removeValue(forKey: namespace)
            default:
                break
            }
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

    /// The lane part of processing: validate, attribute, silence and merge, update the cache, then start the write
    /// and hand-off chained after the key's previous one. Returns that work, `nil` when the event was dropped.
    private func merge(_ event: Event, key: EventLaneKey) async -> Task<Void, Never>? {
        do {
            guard let (processed, stored, resolvedSilences) = try await prepare(event) else { return nil }
            return chain(key: key) { processor in
                await processor.finish(processed, stored: stored, resolvedSilences: resolvedSilences)
            }
        } catch {
            dropped(event, error: error)
            return nil
        }
    }

    /// Starts `work` after the previous write or hand-off of `key` has finished.
    private func chain(
        key: EventLaneKey, _ work: @escaping @Sendable (isolated EventProcessor) async -> Void
    ) -> Task<Void, Never> {
        let previous = writes[key]?.task
        nextWriteID &+= 1
        let id = nextWriteID
        let task = Task {
            await previous?.value
            await work(self)
            self.finished(key: key, id: id)
        }
        writes[key] = (id, task)
        return task
    }

    private func finished(key: EventLaneKey, id: UInt64) {
        if writes[key]?.id == id { writes.removeValue(forKey: key) }
    }

    /// Stores the merged event (when it has a check), arms its TTL, expires silences on resolution, then hands the
    /// event to the pipeline.
    private func finish(_ event: Event, stored: Event?, resolvedSilences: [SilenceRule]?) async {
        if let stored {
            do {
                try await store.putEvent(stored)
            } catch {
                if let key = try? EventStorageKey(stored) { latest.removeValue(forKey: key) }
                dropped(event, error: error)
                return
            }
            await ttl?.arm(event)
            if let resolvedSilences {
                do { try await expireOnResolution(resolvedSilences, event: event) } catch {
                    logger.warning(
                        "silences not expired on resolution",
                        metadata: ["entity.name": "\(event.entity?.metadata.name ?? "")", "error": "\(error)"])
                }
            }
        }
        processedCount += 1
        await pipeline.handle(event)
    }

    /// Hands an event to the pipeline without storing or counting it.
    private func handOff(_ event: Event) async {
        await pipeline.handle(event)
    }

    private func dropped(_ event: Event, error: any Error) {
        droppedCount += 1
        logger.warning(
            "event dropped",
            metadata: [
                "entity.name": "\(event.entity?.metadata.name ?? "")",
                "check.name": "\(event.check?.metadata.name ?? "")", "error": "\(error)",
            ])
    }

    /// Validates, attributes, silences and merges; returns the event for the pipeline, the event to store (`nil`
    /// for metrics-only events) and the silences to check for `expire_on_resolve` (`nil` unless this event
    /// resolves a silenced check). `nil` when the event is invalid (counted and logged).
    private func prepare(_ input: Event) async throws -> (Event, Event?, [SilenceRule]?)? {
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
        guard var check = event.check else { return (event, nil, nil) }
        if check.metadata.namespace.isEmpty { check.metadata.namespace = event.metadata.namespace }

        event.entity = try await attributedEntity(event, check: check)
        let entity = event.entity ?? Entity()
        if !check.proxyEntityName.isEmpty {
            check.command = Self.redactingSecrets(in: check.command, of: entity)
        }

        let rules = try await silenceRules(namespace: event.metadata.namespace)
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
        latest[key] = stored
        return (event, stored, transition.isResolution && check.isSilenced ? rules : nil)
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
        let caching = feed.isFollowing
        if caching {
            await feed.caughtUp(with: store.changeFeed)
            if let cached = proxies[cacheKey] { return cached }
        }
        if let config = try await store.entityConfig(namespace: namespace, name: name) {
            let state = try await store.entityState(namespace: namespace, name: name)
            let entity = Entity(config: config, state: state ?? EntityState(metadata: config.metadata))
            if caching { proxies[cacheKey] = entity }
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
        return Entity(config: config, state: EntityState(metadata: config.metadata))
    }

    /// The silences of a namespace as rules, cached until the change feed reports a silence of the namespace changed
    /// (not cached while the feed is not followed).
    private func silenceRules(namespace: String) async throws -> [SilenceRule] {
        let caching = feed.isFollowing
        if caching, let cached = silences[namespace] { return cached }
        let rules = try await store.resources(Silenced.self, namespace: namespace).map { silenced in
            let expireAt =
                silenced.expireAt != 0
                ? silenced.expireAt : (silenced.expire > 0 ? silenced.begin + silenced.expire : 0)
            return SilenceRule(
                subscription: silenced.subscription, check: silenced.check, begin: silenced.begin,
                expireAt: expireAt, expireOnResolve: silenced.expireOnResolve)
        }
        if caching { silences[namespace] = rules }
        return rules
    }
}
