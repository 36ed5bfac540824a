public import Logging
public import PharosInflux

/// The backend's built-in InfluxDB sink: the points of `pharos-influxdb-handler` handlers annotated
/// `pharos.io/builtin: "true"`, encoded by the pipeline exactly as the pipe handler would, are queued per
/// destination (``InfluxWriter``: URL, database, precision, credentials) and written in batches — one `/write` when
/// `maximumBatch` points are waiting or `flushInterval` after the first of them arrived, whichever comes first, with
/// at most one write in flight per destination.
///
/// Each destination's queue holds at most `capacity` points; points beyond are dropped (counted, logged). A failed
/// write is logged with the handler names and the InfluxDB URL and counted; its points are not retried (the pipe
/// handler does not retry either). Writes happen while ``run()`` runs (the ``PipelineRunner`` runs it); ``finish()``
/// writes what is queued and ends it.
public actor BuiltinInfluxSink {
    /// Points per `/write` that trigger a write at once.
    public static let defaultMaximumBatch = 5_000
    /// Longest time a point waits before its batch is written.
    public static let defaultFlushInterval: Duration = .milliseconds(100)
    /// Points queued per destination before new points are dropped.
    public static let defaultCapacity = 50_000
    /// How often a destination with an open, not yet full batch looks at it again (the latency of the
    /// batch-full trigger).
    static let pollStep: Duration = .milliseconds(5)

    let maximumBatch: Int
    let flushInterval: Duration
    let capacity: Int
    let logger: Logger
    private var buffers: [InfluxWriter: Buffer] = [:]
    private var serving: Set<InfluxWriter> = []
    private var finishing = false
    private let doorbell: AsyncStream<InfluxWriter>
    private let ring: AsyncStream<InfluxWriter>.Continuation

    /// What the sink has done so far.
    public private(set) var counters = BuiltinSinkCounters()

    /// The points waiting for one destination.
    private struct Buffer {
        var lines: [String] = []
        var handlers: Set<String> = []
        var openedAt: ContinuousClock.Instant?
    }

    /// Creates a sink (it writes once ``run()`` runs).
    /// - Parameters:
    ///   - logger: write failures and drops are logged at `.warning`.
    ///   - maximumBatch: points that trigger a write at once (at least 1; default 5,000).
    ///   - flushInterval: longest wait of a queued point (default 100 ms).
    ///   - capacity: points queued per destination before drops (at least `maximumBatch`; default 50,000).
    public init(
        logger: Logger, maximumBatch: Int = BuiltinInfluxSink.defaultMaximumBatch,
        flushInterval: Duration = BuiltinInfluxSink.defaultFlushInterval,
        capacity: Int = BuiltinInfluxSink.defaultCapacity
    ) {
        self.logger = logger
        self.maximumBatch = max(1, maximumBatch)
        self.flushInterval = flushInterval
        self.capacity = max(self.maximumBatch, capacity)
        (doorbell, ring) = AsyncStream.makeStream(of: InfluxWriter.self)
    }

    /// Queues encoded lines for `writer`.
    /// - Parameters:
    ///   - lines: line-protocol lines (no trailing newline), in the precision of `writer`.
    ///   - handler: the handler they come from (for logs and failure counts).
    ///   - writer: the destination.
    /// - Returns: how many lines were queued (the rest were dropped: the queue was full or the sink finished).
    public func enqueue(_ lines: [String], handler: String, writer: InfluxWriter) -> Int {
        guard !lines.isEmpty else { return 0 }
        var buffer = buffers[writer] ?? Buffer()
        let room = finishing ? 0 : max(0, capacity - buffer.lines.count)
        let accepted = min(room, lines.count)
        if accepted < lines.count {
            counters.pointsDropped += lines.count - accepted
            logger.warning(
                "built-in InfluxDB sink queue full, points dropped",
                metadata: [
                    "handler.name": "\(handler)", "influxdb.url": "\(writer.writeURL)",
                    "points.dropped": "\(lines.count - accepted)",
                ])
        }
        guard accepted > 0 else { return 0 }
        if buffer.lines.isEmpty { buffer.openedAt = .now }
        buffer.lines.append(contentsOf: lines.prefix(accepted))
        buffer.handlers.insert(handler)
        buffers[writer] = buffer
        counters.pointsQueued += accepted
        if serving.insert(writer).inserted { ring.yield(writer) }
        return accepted
    }

    /// Writes batches until ``finish()`` is called and everything queued is written: one child task per
    /// destination with queued points.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            for await writer in doorbell {
                group.addTask { await self.serve(writer) }
            }
        }
    }

    /// Stops taking points, writes what is queued at once and lets ``run()`` return when those writes are done.
    public func finish() {
        finishing = true
        ring.finish()
    }

    /// Writes the batches of one destination until its queue is empty.
    private func serve(_ writer: InfluxWriter) async {
        while let batch = await nextBatch(writer) {
            await write(batch, to: writer)
        }
    }

    /// The next batch of `writer` once it is due (full, old enough, or the sink is finishing); `nil` (and the
    /// destination is no longer served) when its queue is empty.
    private func nextBatch(_ writer: InfluxWriter) async -> (lines: [String], handlers: Set<String>)? {
        while true {
            guard var buffer = buffers[writer], !buffer.lines.isEmpty else {
                serving.remove(writer)
                return nil
            }
            let now = ContinuousClock.now
            let due = (buffer.openedAt ?? now) + flushInterval
            if buffer.lines.count >= maximumBatch || finishing || Task.isCancelled || now >= due {
                let count = min(maximumBatch, buffer.lines.count)
                let lines = Array(buffer.lines.prefix(count))
                let handlers = buffer.handlers
                buffer.lines.removeFirst(count)
                if buffer.lines.isEmpty {
                    buffer.handlers = []
                    buffer.openedAt = nil
                } else {
                    buffer.openedAt = now
                }
                buffers[writer] = buffer
                return (lines, handlers)
            }
            try? await Task.sleep(for: min(due - now, Self.pollStep))
        }
    }

    /// One `/write`; counts and logs the outcome.
    private func write(_ batch: (lines: [String], handlers: Set<String>), to writer: InfluxWriter) async {
        let body = batch.lines.joined(separator: "\n") + "\n"
        do {
            try await writer.writePooled(body)
            counters.writes += 1
            counters.pointsWritten += batch.lines.count
        } catch {
            counters.writeFailures += 1
            counters.pointsFailed += batch.lines.count
            for handler in batch.handlers { counters.writeFailuresByHandler[handler, default: 0] += 1 }
            logger.warning(
                "built-in InfluxDB sink write failed",
                metadata: [
                    "handler.name": "\(batch.handlers.sorted().joined(separator: ","))",
                    "influxdb.url": "\(writer.writeURL)", "points": "\(batch.lines.count)", "error": "\(error)",
                ])
        }
    }
}
