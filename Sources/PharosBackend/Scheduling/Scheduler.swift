public import Foundation
public import Logging
public import PharosCore
public import PharosStore
public import ServiceLifecycle

/// Publishes check requests on schedule (Sensu Go 6.x `schedulerd`, reference §5.1): one timer per published check
/// with an `interval` (deterministic phase from the check name) or a `cron`, kept in a ``SchedulePlan``.
///
/// The service follows the store's change feed and reloads the checks when one changed (or on a resync), so created,
/// updated and deleted checks take effect on their next fire without a restart; before each fire it waits until the
/// feed has caught up, so a check whose `DELETE` has answered never fires again. On each fire it skips subdued checks, builds the request
/// (``CheckRequestBuilder``: matching assets and hooks, `issued` = now in Unix seconds) and publishes it once per
/// subscription. A `round_robin` check goes, per subscription, to the one agent ``RoundRobin`` picks from the
/// connected subscribers (as `entity:<agent>`). A check with `proxy_requests` is expanded by
/// ``ProxyRequestPlanner`` over the entities of its namespace, one request per matching entity, spread over
/// `splay_coverage` of the interval when `splay` is set. Adhoc requests arrive through an ``AdhocQueue``.
public actor Scheduler: Service {
    let store: any Store
    let publisher: any CheckRequestPublisher
    let logger: Logger
    let refreshInterval: Duration
    let adhoc: AdhocQueue
    private let sleep: @Sendable (Duration) async throws -> Void
    private let wallClock: @Sendable () -> Date
    private var plan = SchedulePlan()
    private let feed = FeedProgress()
    private var checksChanged = true

    /// Requests published so far (one per subscription).
    public private(set) var published = 0
    /// Fires skipped because a `subdues` window was active.
    public private(set) var subduedSkips = 0
    /// Proxy-check expressions or token substitutions that failed (the entity was skipped).
    public private(set) var proxyErrors = 0

    /// Creates a scheduler.
    /// - Parameters:
    ///   - store: where checks, assets and hooks are read.
    ///   - publisher: delivers requests to the agents of a subscription.
    ///   - logger: logs published requests at `.debug` and store failures at `.warning`.
    ///   - clock: sleeps between deadlines (deadlines themselves are wall-clock nanoseconds).
    ///   - refreshInterval: the longest the timer loop sleeps between wake-ups (no store read happens on a wake-up;
    ///     checks are reloaded when the change feed reports a change).
    ///   - wallClock: the current wall-clock time (default `Date()`).
    ///   - adhoc: where adhoc execution requests are taken from (default: a queue nobody else feeds).
    public init(
        store: any Store, publisher: any CheckRequestPublisher, logger: Logger,
        clock: some Clock<Duration> = ContinuousClock.continuous, refreshInterval: Duration = .seconds(1),
        wallClock: @escaping @Sendable () -> Date = { Date() }, adhoc: AdhocQueue = AdhocQueue()
    ) {
        self.adhoc = adhoc
        self.store = store
        self.publisher = publisher
        self.logger = logger
        self.refreshInterval = refreshInterval
        self.sleep = { duration in try await clock.sleep(for: duration) }
        self.wallClock = wallClock
    }

    /// Runs the timers until graceful shutdown or cancellation.
    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await self.loop() }
                    group.addTask { await self.feed.follow(self.store) { await self.apply($0) } }
                    group.addTask {
                        for await request in self.adhoc.requests {
                            self.logger.info(
                                "adhoc check execution",
                                metadata: [
                                    "check.name": "\(request.check.metadata.namespace)/\(request.check.metadata.name)",
                                    "reason": "\(request.reason)",
                                ])
                            await self.executeAdhoc(check: request.check, subscriptions: request.subscriptions)
                        }
                    }
                    try await group.next()
                    group.cancelAll()
                }
            }
        } catch is CancellationError {
            return
        }
    }

    /// Publishes `check` now to `subscriptions` (the check's own when empty), ignoring `publish` and round robin
    /// (Sensu's adhoc execution); a check with `proxy_requests` is expanded over the matching entities (no splay).
    /// - Returns: the number of agents reached.
    @discardableResult
    public func executeAdhoc(check: CheckConfig, subscriptions: [String] = []) async -> Int {
        var check = check
        if !subscriptions.isEmpty { check.subscriptions = subscriptions }
        check.roundRobin = false
        let issued = Int64(wallClock().timeIntervalSince1970)
        guard check.proxyRequests != nil else { return await publish(check, fireTime: 0, issued: issued) }
        var reached = 0
        for target in await proxyTargets(check) {
            reached += await publish(target.check, fireTime: 0, issued: issued)
        }
        return reached
    }

    private func loop() async throws {
        var lastReload = Date.distantPast
        while true {
            let now = wallClock()
            if checksChanged || now < lastReload {
                await reload(at: now)
                lastReload = now
            }
            for fire in plan.due(at: IntervalSchedule.nanoseconds(since1970: now)) {
                await fired(fire, at: now)
            }
            let nowNanoseconds = IntervalSchedule.nanoseconds(since1970: wallClock())
            var wait = refreshInterval
            if let deadline = plan.nextDeadline {
                let untilFire: Duration =
                    deadline <= nowNanoseconds ? .zero : .nanoseconds(Int64(clamping: deadline - nowNanoseconds))
                wait = min(wait, untilFire)
            }
            try await sleep(max(wait, .milliseconds(1)))
        }
    }

    private func apply(_ item: StoreFeedItem) {
        switch item {
        case .resync: checksChanged = true
        case .change(let change):
            if case .resource(.checkConfig, _, _) = change.subject { checksChanged = true }
        }
    }

    private func reload(at now: Date) async {
        checksChanged = false
        do {
            let checks = try await store.resources(CheckConfig.self, namespace: nil)
            let changes = plan.update(checks: checks, now: IntervalSchedule.nanoseconds(since1970: now))
            for key in changes.started { logger.debug("check scheduled", metadata: ["check.name": "\(key)"]) }
            for key in changes.stopped { logger.debug("check unscheduled", metadata: ["check.name": "\(key)"]) }
        } catch {
            logger.warning("checks could not be read", metadata: ["error": "\(error)"])
        }
    }

    private func fired(_ fire: ScheduledFire, at now: Date) async {
        // A check changed or deleted before now must not fire in its old form.
        await feed.caughtUp(with: store.changeFeed)
        if checksChanged {
            await reload(at: now)
            guard plan.timers[fire.key] != nil else { return }
        }
        if fire.subdued {
            subduedSkips += 1
            logger.debug("check subdued, skipped", metadata: ["check.name": "\(fire.key)"])
            return
        }
        let issued = Int64(now.timeIntervalSince1970)
        guard fire.check.proxyRequests != nil else {
            _ = await publish(fire.check, fireTime: fire.fireTime, issued: issued)
            return
        }
        let targets = await proxyTargets(fire.check)
        let untilNext = plan.timers[fire.key].map { timer -> Duration in
            let next = timer.nextFire
            let current = IntervalSchedule.nanoseconds(since1970: now)
            return next > current ? .nanoseconds(Int64(clamping: next - current)) : .zero
        }
        let delay = ProxyRequestPlanner.splayDelay(fire.check, count: targets.count, untilNextFire: untilNext)
        guard delay > .zero else {
            for target in targets { _ = await publish(target.check, fireTime: fire.fireTime, issued: issued) }
            return
        }
        // Splayed requests are spread in a child task so the timers of other checks are not held up.
        let sleep = sleep
        Task {
            for (offset, target) in targets.enumerated() {
                if offset > 0 { try await sleep(delay) }
                _ = await self.publish(
                    target.check, fireTime: fire.fireTime,
                    issued: offset == 0 ? issued : Int64(self.wallClock().timeIntervalSince1970))
            }
        }
    }

    /// The proxy entities matched by the check's `entity_attributes`, with the substituted checks.
    private func proxyTargets(_ check: CheckConfig) async -> [ProxyRequestPlanner.Target] {
        let name = "\(check.metadata.namespace)/\(check.metadata.name)"
        let entities: [Entity]
        do {
            entities = try await store.entities(namespace: check.metadata.namespace)
        } catch {
            logger.warning("entities could not be read", metadata: ["check.name": "\(name)", "error": "\(error)"])
            return []
        }
        let plan = ProxyRequestPlanner.plan(check, entities: entities, now: wallClock())
        for error in plan.expressionErrors {
            proxyErrors += 1
            logger.warning(
                "entity_attributes expression failed", metadata: ["check.name": "\(name)", "error": "\(error)"])
        }
        for (entity, error) in plan.substitutionErrors {
            proxyErrors += 1
            logger.warning(
                "proxy check token substitution failed",
                metadata: ["check.name": "\(name)", "entity.name": "\(entity)", "error": "\(error)"])
        }
        return plan.targets
    }

    /// Publishes one execution of `check` to each of its subscriptions (round robin: to the picked agent only).
    private func publish(_ check: CheckConfig, fireTime: UInt64, issued: Int64) async -> Int {
        let subscriptions = check.subscriptions
        let namespace = check.metadata.namespace
        let request: CheckRequest
        do {
            let assets = try await store.resources(Asset.self, namespace: namespace)
            let hooks = check.checkHooks.isEmpty ? [] : try await store.resources(HookConfig.self, namespace: namespace)
            request = CheckRequestBuilder.request(for: check, assets: assets, hooks: hooks, issued: issued)
        } catch {
            logger.warning(
                "check request could not be built",
                metadata: ["check.name": "\(namespace)/\(check.metadata.name)", "error": "\(error)"])
            return 0
        }
        var reached = 0
        for subscription in subscriptions {
            var target = subscription
            if check.roundRobin {
                let agents = await publisher.subscribers(namespace: namespace, subscription: subscription)
                guard let agent = RoundRobin.pick(check: check, fireTime: fireTime, agents: agents) else { continue }
                target = SilenceRule.entitySubscription(for: agent)
            }
            reached += await publisher.publish(request, namespace: namespace, subscription: target)
            published += 1
        }
        logger.debug(
            "check request published",
            metadata: ["check.name": "\(namespace)/\(check.metadata.name)", "agents": "\(reached)"])
        return reached
    }
}
