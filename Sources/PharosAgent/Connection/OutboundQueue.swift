import Logging
import PharosWire

/// The bounded queue of result frames waiting to go to the backend (reference §3.4). Frames produced while the
/// agent is disconnected wait here and go out after it reconnects; when full, the oldest frame is dropped,
/// counted and logged.
actor OutboundQueue {
    private var frames: [AgentFrame] = []
    private let capacity: Int
    private let logger: Logger
    private var wakeUp: AsyncStream<Void>.Continuation?
    /// Frames dropped because the queue was full.
    private(set) var dropped = 0

    init(capacity: Int, logger: Logger) {
        precondition(capacity > 0, "the outbound queue needs room for at least one frame")
        self.capacity = capacity
        self.logger = logger
    }

    /// A new stream that yields whenever frames are waiting, for the sender of one connection; it yields at once
    /// when frames are already waiting. Replaces the stream of the previous connection.
    func subscribe() -> AsyncStream<Void> {
        wakeUp?.finish()
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        wakeUp = continuation
        if !frames.isEmpty { continuation.yield() }
        return stream
    }

    /// Appends a frame, dropping the oldest one when full.
    func push(_ frame: AgentFrame) {
        if frames.count >= capacity {
            frames.removeFirst()
            dropped += 1
            logger.warning("outbound queue full; oldest result dropped", metadata: ["dropped": "\(dropped)"])
        }
        frames.append(frame)
        wakeUp?.yield()
    }

    /// Puts back a frame that could not be sent, at the front.
    func pushFront(_ frame: AgentFrame) {
        frames.insert(frame, at: 0)
        if frames.count > capacity {
            frames.removeLast()
            dropped += 1
        }
    }

    /// Takes the oldest frame.
    func popFirst() -> AgentFrame? {
        frames.isEmpty ? nil : frames.removeFirst()
    }

    /// The number of waiting frames.
    var count: Int { frames.count }
}
