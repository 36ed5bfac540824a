public import PharosStore
import Synchronization

/// How far a cache has applied its store's change feed, so readers can get read-your-writes: after a write has
/// returned (its change is published), ``caughtUp(with:)`` waits until the cache's feed consumer has applied it.
///
/// While no consumer follows the feed (``isFollowing`` false: a component used without its service running),
/// callers must not cache, and ``caughtUp(with:)`` returns at once.
public final class FeedProgress: Sendable {
    private struct State {
        var following = false
        var applied: UInt64 = 0
        var waiters: [(target: UInt64, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state = Mutex(State())

    /// Creates a progress that follows nothing yet.
    public init() {}

    /// Whether a consumer is applying the feed.
    public var isFollowing: Bool { state.withLock { $0.following } }

    /// Marks the consumer as following from `sequence` (the feed's `lastSequence` read before subscribing).
    public func started(at sequence: UInt64) {
        state.withLock {
            $0.following = true
            $0.applied = max($0.applied, sequence)
        }
    }

    /// Records that every change up to `sequence` has been applied, waking the readers waiting for it.
    public func applied(_ sequence: UInt64) {
        let ready = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.applied = max(state.applied, sequence)
            let applied = state.applied
            let ready = state.waiters.filter { $0.target <= applied }.map(\.continuation)
            state.waiters.removeAll { $0.target <= applied }
            return ready
        }
        for continuation in ready { continuation.resume() }
    }

    /// Marks the consumer as stopped and wakes every waiting reader.
    public func stopped() {
        let all = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.following = false
            defer { state.waiters = [] }
            return state.waiters.map(\.continuation)
        }
        for continuation in all { continuation.resume() }
    }

    /// Waits until every change the feed had published when called is applied (at once when not following).
    public func caughtUp(with feed: ChangeFeed) async {
        let target = feed.lastSequence
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = state.withLock { state -> Bool in
                if !state.following || state.applied >= target { return true }
                state.waiters.append((target, continuation))
                return false
            }
            if now { continuation.resume() }
        }
    }

    /// Applies a subscription's items with `apply` until it ends (the consuming task is cancelled), recording the
    /// progress; `apply` receives each item (a `.resync` must drop everything derived from the store). It first
    /// receives a `.resync` once subscribed, since anything derived before may have missed changes.
    public func follow(
        _ store: any Store, _ apply: @Sendable (StoreFeedItem) async -> Void
    ) async {
        let start = store.changeFeed.lastSequence
        let subscription = store.changes()
        await apply(.resync(after: start))
        started(at: start)
        defer { stopped() }
        for await item in subscription {
            switch item {
            case .change(let change):
                await apply(item)
                applied(change.sequence)
            case .resync:
                let now = store.changeFeed.lastSequence
                await apply(item)
                applied(now)
            }
        }
    }
}
