import Synchronization

/// Output bytes and the timeout flag of one running command, shared between the reading and timing tasks.
final class OutputCollector: Sendable {
    private let state = Mutex<(bytes: [UInt8], timedOut: Bool, dropped: Int)>(([], false, 0))
    /// The most bytes kept; later bytes are dropped.
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// Appends bytes up to the limit.
    func append(_ bytes: UnsafeRawBufferPointer) {
        state.withLock { state in
            let room = max(0, limit - state.bytes.count)
            state.bytes.append(contentsOf: bytes.prefix(room))
            state.dropped += max(0, bytes.count - room)
        }
    }

    /// Records that the timeout killed the command.
    func markTimedOut() {
        state.withLock { $0.timedOut = true }
    }

    /// Whether the timeout killed the command.
    var timedOut: Bool { state.withLock { $0.timedOut } }

    /// Bytes read past the limit and dropped.
    var droppedBytes: Int { state.withLock { $0.dropped } }

    /// The collected output as UTF-8 text (invalid sequences replaced).
    var text: String { String(decoding: state.withLock { $0.bytes }, as: UTF8.self) }
}
