import AsyncAlgorithms
public import ServiceLifecycle

/// The `Service` shell of the `TTLMonitor`: loads the deadline rows, then every `tick` hands the failing events of
/// expired switches to the event sink (the `EventProcessor`, which stores them and re-arms the switch). Rows are
/// written as results are stored, so there is nothing to flush at shutdown.
public struct TTLService: Service {
    private let monitor: TTLMonitor
    private let events: any EventSink
    private let tick: Duration

    /// Creates the service.
    /// - Parameters:
    ///   - monitor: The switches.
    ///   - events: Where TTL failure events go.
    ///   - tick: Time between deadline checks (default 1 s).
    public init(monitor: TTLMonitor, events: any EventSink, tick: Duration = .seconds(1)) {
        self.monitor = monitor
        self.events = events
        self.tick = tick
    }

    /// Runs until graceful shutdown.
    public func run() async throws {
        await monitor.load()
        let ticks = AsyncTimerSequence(interval: tick, clock: .continuous)
        for await _ in ticks.cancelOnGracefulShutdown() {
            for event in await monitor.expired() {
                await events.process(event)
            }
        }
    }
}
