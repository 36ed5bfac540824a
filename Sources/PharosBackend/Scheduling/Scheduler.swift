public import Foundation
public import Logging
public import PharosCore
public import PharosStore
public import ServiceLifecycle

/// Publishes check requests on schedule (Sensu Go 6.x `schedulerd`, reference §5.1): one timer per published check
/// with an `interval` (deterministic phase from the check name) or a `cron`, kept in a ``SchedulePlan``.
///
/// The service reloads the checks from the store every `refreshInterval`, so created, updated and deleted checks
/// take effect on their next fire without a restart. On each fire it skips subdued checks, builds the request
/// (``CheckRequestBuilder``: matching assets and hooks, `issued` = now in Unix seconds) and publishes it once per
/// subscription. Round robin is not implemented yet: round-robin checks are published like ordinary ones.
public actor Scheduler: Service {
    let store: any Store
    let publisher: any CheckRequestPublisher
    let logger: Logger
    let refreshInterval: Duration
    private let sleep: @Sendable (Duration) async throws -> Void
    private let wallClock: @Sendable () -> Date
    private var plan = SchedulePlan()

    /// Requests published so far (one per subscription).
    public private(set) var published = 0
    /// Fires skipped because a `subdues` window was active.
    public private(set) var subduedSkips = 0

    /// Creates a scheduler.
    /// - Parameters:
    ///   - store: where checks, assets and hooks are read.
    ///   - publisher: delivers requests to the agents of a subscription.
    ///   - logger: logs published requests at `.debug` and store failures at `.warning`.
    ///   - clock: sleeps between deadlines (deadlines themselves are wall-clock nanoseconds).
    ///   - refreshInterval: how often the checks are reloaded from the store.
    ///   - wallClock: the current wall-clock time (default `Date()`).
    public init(
        store: any Store, publisher: any CheckRequestPublisher, logger: Logger,
        clock: some Clock<Duration> = ContinuousClock.continuous, refreshInterval: Duration = .seconds(1),
        wallClock: @escaping @Sendable () -> Date = { Date() }
    ) {
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
            try await cancelWhenGracefulShutdown { try await self.loop() }
        } catch is CancellationError {
            return
        }
    }

    /// Publishes `check` now to `subscriptions` (the check's own when empty), ignoring `publish` and round robin
    /// (Sensu's adhoc execution).
    /// - Returns: the number of agents reached.
    @discardableResult
    public func executeAdhoc(check: CheckConfig, subscriptions: [String] = []) async -> Int {
        let targets = subscriptions.isEmpty ? check.subscriptions : subscriptions
        return await publish(check, to: targets, issued: Int64(wallClock().timeIntervalSince1970))
    }

    private func loop() async throws {
        var lastReload = Date.distantPast
        while true {
            let now = wallClock()
            if now.timeIntervalSince(lastReload) >= seconds(refreshInterval) || now < lastReload {
                await reload(at: now)
                lastReload = now
            }
            for fire in plan.due(at: IntervalSchedule.nanoseconds(since1970: now)) {
                await fired(fire, at: now)
            }
            let nowNanoseconds = IntervalSchedule.nanoseconds(since1970: wallClock())
            var wait = refreshInterval - .seconds(wallClock().timeIntervalSince(lastReload))
            if let deadline = plan.nextDeadline {
                let untilFire: Duration =
                    deadline <= nowNanoseconds ? .zero : .nanoseconds(Int64(clamping: deadline - nowNanoseconds))
                wait = min(wait, untilFire)
            }
            try await sleep(max(wait, .milliseconds(1)))
        }
    }

    private func reload(at now: Date) async {
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
        if fire.subdued {
            subduedSkips += 1
            logger.debug("check subdued, skipped", metadata: ["check.name": "\(fire.key)"])
            return
        }
        _ = await publish(fire.check, to: fire.check.subscriptions, issued: Int64(now.timeIntervalSince1970))
    }

    private func publish(_ check: CheckConfig, to subscriptions: [String], issued: Int64) async -> Int {
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
            reached += await publisher.publish(request, namespace: namespace, subscription: subscription)
            published += 1
        }
        logger.debug(
            "check request published",
            metadata: ["check.name": "\(namespace)/\(check.metadata.name)", "agents": "\(reached)"])
        return reached
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
