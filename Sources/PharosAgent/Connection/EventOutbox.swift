import Foundation
public import Logging
public import PharosWire

/// The bounded on-disk outbox of event frames waiting to go to the backend: check results, `/events`
/// submissions, socket events and StatsD flushes (Pharos goes beyond Sensu's 10-slot in-memory channel, reference
/// §3.4, §4.4). Each frame is one file `<sequence>.frame` under the directory, so results survive a backend outage
/// and an agent restart and are delivered in order. Beyond `maxBytes` the oldest frames are dropped, counted and
/// logged.
public actor EventOutbox {
    private struct Entry {
        var sequence: UInt64
        var frame: AgentFrame
        var size: Int { frame.bytes.count }
    }

    private var entries: [Entry] = []
    private var head = 0
    private var nextSequence: UInt64 = 1
    private var bytes = 0
    private let directory: String?
    private let maxBytes: Int
    private let logger: Logger
    private var wakeUp: AsyncStream<Void>.Continuation?
    /// Frames dropped because the outbox was full.
    public private(set) var dropped = 0

    /// Opens the outbox, loading frames a previous run left in `directory`.
    /// - Parameters:
    ///   - directory: where frames are kept (created when missing); `nil` keeps them in memory only.
    ///   - maxBytes: the most frame bytes kept (at least one frame is always kept).
    ///   - logger: drops and disk errors are logged here.
    public init(directory: String?, maxBytes: Int, logger: Logger) {
        self.directory = directory
        self.maxBytes = max(1, maxBytes)
        self.logger = logger
        guard let directory else { return }
        let files = FileManager.default
        do {
            try files.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let names = try files.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".frame") }.sorted()
            for name in names {
                guard let sequence = UInt64(name.dropLast(".frame".count)),
                    let data = files.contents(atPath: "\(directory)/\(name)"),
                    let frame = try? AgentFrame(bytes: Array(data))
                else {
                    logger.warning("unreadable outbox file removed", metadata: ["file": "\(directory)/\(name)"])
                    try? files.removeItem(atPath: "\(directory)/\(name)")
                    continue
                }
                entries.append(Entry(sequence: sequence, frame: frame))
                bytes += frame.bytes.count
                nextSequence = max(nextSequence, sequence + 1)
            }
            let loaded = entries.count
            if loaded > 0 {
                logger.info("outbox holds undelivered events", metadata: ["count": "\(loaded)"])
            }
        } catch {
            logger.error(
                "cannot open the outbox directory; events are kept in memory only",
                metadata: ["directory": "\(directory)", "error": "\(error)"])
        }
    }

    /// A new stream that yields whenever frames are waiting, for the sender of one connection; it yields at once
    /// when frames are already waiting. Replaces the stream of the previous connection.
    func subscribe() -> AsyncStream<Void> {
        wakeUp?.finish()
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        wakeUp = continuation
        if count > 0 { continuation.yield() }
        return stream
    }

    /// Appends a frame (written to disk first), dropping the oldest frames while over ``maxBytes``.
    public func push(_ frame: AgentFrame) {
        let entry = Entry(sequence: nextSequence, frame: frame)
        nextSequence += 1
        if let directory {
            let path = "\(directory)/\(Self.fileName(entry.sequence))"
            if !FileManager.default.createFile(atPath: path, contents: Data(frame.bytes)) {
                logger.error("cannot write outbox file; event kept in memory only", metadata: ["file": "\(path)"])
            }
        }
        entries.append(entry)
        bytes += entry.size
        while bytes > maxBytes, count > 1 {
            removeFirst()
            dropped += 1
            logger.warning(
                "outbox full; oldest event dropped", metadata: ["dropped": "\(dropped)", "max_bytes": "\(maxBytes)"])
        }
        wakeUp?.yield()
    }

    /// The oldest waiting frame, left in place until ``removeFirst()``.
    func first() -> AgentFrame? {
        head < entries.count ? entries[head].frame : nil
    }

    /// Removes the oldest frame (after it was sent) and its file.
    func removeFirst() {
        guard head < entries.count else { return }
        let entry = entries[head]
        head += 1
        bytes -= entry.size
        if let directory {
            try? FileManager.default.removeItem(atPath: "\(directory)/\(Self.fileName(entry.sequence))")
        }
        if head > 1024 || head == entries.count {
            entries.removeFirst(head)
            head = 0
        }
    }

    /// The number of waiting frames.
    public var count: Int { entries.count - head }

    /// A file name that sorts in sequence order.
    static func fileName(_ sequence: UInt64) -> String {
        let digits = String(sequence)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits + ".frame"
    }
}
