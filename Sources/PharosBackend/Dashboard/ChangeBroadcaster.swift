import Foundation
import Synchronization

/// Fans changes out to every subscriber, each with a bounded buffer (`bufferSize` changes). When a subscriber's
/// buffer is full the change is dropped for it, counted in `droppedCount`, and the subscriber receives
/// `DashboardChange.resync` as soon as there is room again, so it never silently misses a change.
public final class ChangeBroadcaster: DashboardChangeSource {
    private struct Subscriber {
        var continuation: AsyncStream<DashboardChange>.Continuation
        var needsResync: Bool
    }

    private struct State {
        var subscribers: [UInt64: Subscriber] = [:]
        var nextID: UInt64 = 0
        var dropped: UInt64 = 0
    }

    private let state = Mutex(State())
    /// Largest number of undelivered changes per subscriber.
    public let bufferSize: Int

    /// Creates a broadcaster.
    /// - Parameter bufferSize: Undelivered changes kept per subscriber before it is told to resynchronise
    ///   (default 1,024).
    public init(bufferSize: Int = 1024) {
        self.bufferSize = max(1, bufferSize)
    }

    /// Changes dropped for slow subscribers since start (each such subscriber was sent a resync marker).
    public var droppedCount: UInt64 { state.withLock { $0.dropped } }

    /// Number of current subscribers.
    public var subscriberCount: Int { state.withLock { $0.subscribers.count } }

    /// A new subscriber's stream; unsubscribed when the stream is terminated or dropped.
    public func subscribe() -> AsyncStream<DashboardChange> {
        let (stream, continuation) = AsyncStream.makeStream(
            of: DashboardChange.self, bufferingPolicy: .bufferingOldest(bufferSize))
        let id = state.withLock { state in
            let id = state.nextID
            state.nextID += 1
            state.subscribers[id] = Subscriber(continuation: continuation, needsResync: false)
            return id
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Delivers `change` to every subscriber (never blocks).
    public func publish(_ change: DashboardChange) {
        state.withLock { state in
            for (id, var subscriber) in state.subscribers {
                if subscriber.needsResync {
                    if case .enqueued = subscriber.continuation.yield(.resync) {
                        subscriber.needsResync = false
                    } else {
                        state.dropped += 1
                        continue
                    }
                }
                switch subscriber.continuation.yield(change) {
                case .enqueued: break
                case .dropped:
                    state.dropped += 1
                    subscriber.needsResync = true
                case .terminated:
                    state.subscribers.removeValue(forKey: id)
                    continue
                @unknown default: break
                }
                state.subscribers[id] = subscriber
            }
        }
    }

    /// Ends every subscriber's stream.
    public func finish() {
        let subscribers = state.withLock { state in
            defer { state.subscribers.removeAll() }
            return Array(state.subscribers.values)
        }
        for subscriber in subscribers { subscriber.continuation.finish() }
    }
}
