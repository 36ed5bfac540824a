import Foundation
public import Logging
import NIOCore
import NIOPosix
import PharosCore
import PharosMetrics
public import ServiceLifecycle
import Synchronization

/// The StatsD server on `statsd-metrics-host:statsd-metrics-port` (UDP; Sensu Go 6.x `agent/statsd_server.go`,
/// reference §4.6): datagrams are parsed and aggregated with PharosMetrics' ``StatsDParser`` and
/// ``StatsDAggregator``; every flush interval the points go out as one metrics-only event whose
/// `metrics.handlers` are the `statsd-event-handlers` (nothing is sent for an interval without points).
public struct StatsDServer: Service {
    let host: String
    let port: Int
    let flushInterval: Duration
    let handlers: [String]
    let sink: AgentEventSink
    let logger: Logger

    /// Creates the server; nothing listens until ``run()``.
    /// - Parameters:
    ///   - flushInterval: time between metric events (Sensu `statsd-flush-interval`, seconds).
    ///   - handlers: the event's `metrics.handlers`.
    public init(
        host: String, port: Int, flushInterval: Duration, handlers: [String], sink: AgentEventSink, logger: Logger
    ) {
        self.host = host
        self.port = port
        self.flushInterval = flushInterval
        self.handlers = handlers
        self.sink = sink
        self.logger = logger
    }

    /// Receives and flushes until graceful shutdown.
    public func run() async throws {
        do {
            try await serve()
        } catch {
            // A local source that cannot start (port taken, address missing) must not stop the agent.
            logger.error("cannot run the StatsD server; continuing without it", metadata: ["error": "\(error)"])
            try? await gracefulShutdown()
        }
    }

    /// Listens until graceful shutdown.
    private func serve() async throws {
        let aggregator = SharedAggregator()
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<AddressedEnvelope<ByteBuffer>, AddressedEnvelope<ByteBuffer>>(
                        wrappingChannelSynchronously: channel)
                }
            }
        logger.info("StatsD server listening", metadata: ["statsd.host": "\(host)", "statsd.port": "\(port)"])
        do {
            try await cancelWhenGracefulShutdown {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        try await channel.executeThenClose { inbound, _ in
                            for try await envelope in inbound {
                                let parsed = StatsDParser.parse(bytes: Array(envelope.data.readableBytesView))
                                for diagnostic in parsed.diagnostics {
                                    logger.debug("invalid StatsD line dropped", metadata: ["reason": "\(diagnostic)"])
                                }
                                aggregator.state.withLock { $0.add(contentsOf: parsed.samples) }
                            }
                        }
                    }
                    group.addTask {
                        while !Task.isCancelled {
                            try await Task.sleep(for: flushInterval)
                            let nanoseconds = Int64(Date().timeIntervalSince1970 * 1e9)
                            let points = aggregator.state.withLock {
                                $0.flush(at: nanoseconds, interval: flushInterval)
                            }
                            guard !points.isEmpty else { continue }
                            var event = Event(metrics: Metrics(handlers: handlers, points: points))
                            event.entity = await sink.entity()
                            event.timestamp = AgentEvents.unixNow()
                            event.metadata.namespace = event.entity?.metadata.namespace ?? ""
                            event.id = UUID().uuidString.lowercased()
                            await sink.enqueue(event)
                        }
                    }
                    try await group.next()
                    group.cancelAll()
                }
            }
        } catch is CancellationError {
            // Graceful shutdown.
        }
    }
}

/// The aggregator shared by the receiving and the flushing task.
private final class SharedAggregator: Sendable {
    let state = Mutex(StatsDAggregator())
}
