/// Where the dashboard's live view reads changes from: each call to `subscribe()` is one reader with its own bounded
/// buffer; a reader that falls behind receives `DashboardChange.resync` and re-reads.
///
/// Backed by a `ChangeBroadcaster` that `StoreFeedRelay` feeds from the store's change feed (DESIGN.md §Store), so
/// a page sees every committed write, whichever backend made it.
public protocol DashboardChangeSource: Sendable {
    /// A new reader's stream of changes; it ends when the source shuts down or the reader stops iterating.
    func subscribe() -> AsyncStream<DashboardChange>
}
