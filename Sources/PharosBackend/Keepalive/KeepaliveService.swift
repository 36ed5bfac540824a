import AsyncAlgorithms
public import ServiceLifecycle

/// The `Service` shell of the `KeepaliveMonitor`: loads the deadline rows, then claims the expired ones every
/// `tick` (absolute deadlines on the continuous clock) until graceful shutdown, and writes the rows whose refresh
/// was coalesced once more at the end.
public struct KeepaliveService: Service {
    private let monitor: KeepaliveMonitor
    private let tick: Duration

    /// Creates the service.
    /// - Parameters:
    ///   - monitor: The monitor to drive.
    ///   - tick: Time between deadline checks (default 1 s).
    public init(monitor: KeepaliveMonitor, tick: Duration = .seconds(1)) {
        self.monitor = monitor
        self.tick = tick
    }

    /// Runs until graceful shutdown.
    public func run() async throws {
        await monitor.load()
        let ticks = AsyncTimerSequence(interval: tick, clock: .continuous)
        for await _ in ticks.cancelOnGracefulShutdown() {
            await monitor.expire()
        }
        await monitor.persist()
    }
}
