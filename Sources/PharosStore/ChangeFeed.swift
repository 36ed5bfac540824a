public import Logging
import Synchronization

/// The in-process publisher behind `Store.changeFeed` (DESIGN.md §Store, change feed): drivers hand it the changes
/// of each committed write, in commit order; every subscriber gets them, numbered, through its own bounded buffer.
///
/// A subscriber that does not keep up never sees a silently incomplete stream: when its buffer is full, its
/// buffered changes are dropped and replaced by one `StoreFeedItem.resync(after:)` marker (the sequence number of the
/// last change it had received), after which new changes are buffered again. Dropped changes are counted
/// (`droppedChanges`, `resyncs`, for `/metrics`) and logged at `.warning`. Publishing never waits for a subscriber.
///
/// The shape follows postgres-nio's `PostgresNotificationSequence`: a subscription is an `AsyncSequence` that starts
/// receiving when it is created (so "subscribe, then read the current state" misses nothing) and stops when its last
/// copy is released or its consuming task is cancelled.
public final class ChangeFeed: Sendable {
    /// Changes buffered per subscriber unless it asks otherwise.
    public static let defaultBufferSize = 4096

    private struct Subscriber {
        var capacity: Int
        var buffer: [StoreFeedItem] = []
        var head = 0
        var changesBuffered = 0
        var lastDelivered: UInt64
        var waiter: CheckedContinuation<StoreFeedItem?, Never>?
        var finished = false

        mutating func take() -> StoreFeedItem? {
            guard head < buffer.count else { return nil }
            let item = buffer[head]
            head += 1
            if head == buffer.count {
                buffer.removeAll(keepingCapacity: true)
                head = 0
            }
            if case .change(let change) = item {
                changesBuffered -= 1
                lastDelivered = change.sequence
            }
            return item
        }
    }

    private struct State {
        var lastSequence: UInt64 = 0
        var nextID = 0
        var subscribers: [Int: Subscriber] = [:]
        var droppedChanges = 0
        var resyncs = 0
    }

    private let state = Mutex(State())
    private let logger: Logger

    /// Creates a feed with no subscriber.
    /// - Parameter logger: Where dropped changes are reported.
    public init(logger: Logger = Logger(label: "pharos.store.feed")) {
        self.logger = logger
    }

    /// Publishes the changes of one committed write (or of several, in commit order), numbering them from
    /// `lastSequence + 1`. Drivers call it after the commit, never for a write that was rolled back.
    public func publish(_ changes: [StoreChange]) {
        guard !changes.isEmpty else { return }
        var wakeups: [(CheckedContinuation<StoreFeedItem?, Never>, StoreFeedItem)] = []
        var overflowed: [(id: Int, dropped: Int)] = []
        state.withLock { state in
            var numbered = changes
            for index in numbered.indices {
                state.lastSequence += 1
                numbered[index].sequence = state.lastSequence
            }
            for id in state.subscribers.keys {
                guard var subscriber = state.subscribers[id], !subscriber.finished else { continue }
                for change in numbered {
                    let item = StoreFeedItem.change(change)
                    if let waiter = subscriber.waiter {
                        subscriber.waiter = nil
                        subscriber.lastDelivered = change.sequence
                        wakeups.append((waiter, item))
                    } else if subscriber.changesBuffered < subscriber.capacity {
                        subscriber.buffer.append(item)
                        subscriber.changesBuffered += 1
                    } else {
                        let dropped = subscriber.changesBuffered + 1
                        subscriber.buffer = [.resync(after: subscriber.lastDelivered)]
                        subscriber.head = 0
                        subscriber.changesBuffered = 0
                        state.droppedChanges += dropped
                        state.resyncs += 1
                        overflowed.append((id, dropped))
                    }
                }
                state.subscribers[id] = subscriber
            }
        }
        for (id, dropped) in overflowed {
            logger.warning(
                "change feed subscriber fell behind; it gets a resync marker",
                metadata: ["subscriber": "\(id)", "dropped": "\(dropped)"])
        }
        for (waiter, item) in wakeups { waiter.resume(returning: item) }
    }

    /// Subscribes: the sequence yields every change published from now on, in order (or a resync marker where it
    /// fell more than `bufferSize` changes behind).
    /// - Parameter bufferSize: Changes buffered for this subscriber before it is resynced (at least 1).
    public func subscribe(bufferSize: Int = ChangeFeed.defaultBufferSize) -> ChangeSubscription {
        let id = state.withLock { state in
            let id = state.nextID
            state.nextID += 1
            state.subscribers[id] = Subscriber(capacity: max(1, bufferSize), lastDelivered: state.lastSequence)
            return id
        }
        return ChangeSubscription(registration: ChangeSubscription.Registration(feed: self, id: id))
    }

    /// The sequence number of the last published change (0 before the first).
    public var lastSequence: UInt64 { state.withLock { $0.lastSequence } }
    /// Changes dropped for subscribers that fell behind, since the feed was created.
    public var droppedChanges: Int { state.withLock { $0.droppedChanges } }
    /// Resync markers handed out since the feed was created.
    public var resyncs: Int { state.withLock { $0.resyncs } }
    /// Current subscribers.
    public var subscriberCount: Int { state.withLock { $0.subscribers.count } }

    func next(_ id: Int) async -> StoreFeedItem? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<StoreFeedItem?, Never>) in
                let immediate: StoreFeedItem?? = state.withLock { state in
                    guard var subscriber = state.subscribers[id], !subscriber.finished else { return .some(nil) }
                    if let item = subscriber.take() {
                        state.subscribers[id] = subscriber
                        return .some(item)
                    }
                    if Task.isCancelled { return .some(nil) }
                    subscriber.waiter = continuation
                    state.subscribers[id] = subscriber
                    return .none
                }
                if case .some(let item) = immediate { continuation.resume(returning: item) }
            }
        } onCancel: {
            finish(id)
        }
    }

    func finish(_ id: Int) {
        let waiter = state.withLock { state -> CheckedContinuation<StoreFeedItem?, Never>? in
            guard var subscriber = state.subscribers[id] else { return nil }
            subscriber.finished = true
            let waiter = subscriber.waiter
            subscriber.waiter = nil
            state.subscribers[id] = subscriber
            return waiter
        }
        waiter?.resume(returning: nil)
    }

    func unsubscribe(_ id: Int) {
        let waiter = state.withLock { state in state.subscribers.removeValue(forKey: id)?.waiter }
        waiter?.resume(returning: nil)
    }
}
