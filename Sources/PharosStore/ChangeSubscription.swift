/// A subscription to a store's change feed: an `AsyncSequence` of `StoreFeedItem`s, in commit order, that ends when
/// the consuming task is cancelled. It receives from the moment `ChangeFeed.subscribe` returned; releasing every
/// copy of it (and of its iterator) unsubscribes.
public struct ChangeSubscription: AsyncSequence, Sendable {
    /// Yields what the feed publishes.
    public typealias Element = StoreFeedItem

    /// Keeps the subscriber registered while a copy of the sequence or an iterator exists.
    final class Registration: Sendable {
        let feed: ChangeFeed
        let id: Int

        init(feed: ChangeFeed, id: Int) {
            self.feed = feed
            self.id = id
        }

        deinit { feed.unsubscribe(id) }
    }

    let registration: Registration

    /// The iterator; `next()` waits for the next change and returns `nil` once the task is cancelled.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let registration: Registration

        /// The next item, or `nil` when the consuming task was cancelled.
        public mutating func next() async -> StoreFeedItem? {
            await registration.feed.next(registration.id)
        }
    }

    /// An iterator over the subscription (iterate it from one task at a time).
    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(registration: registration) }
}
