/// Where the dashboard's live view reads changes from: each call to `subscribe()` is one reader with its own bounded
/// buffer; a reader that falls behind receives `DashboardChange.resync` and re-reads.
///
/// Backed today by `ChangeBroadcaster`, which `ChangePublishingStore` feeds after each write of this process commits;
/// the store's own change feed (DESIGN.md §Store) is meant to back it when it lands, with no change to the
/// dashboard.
public protocol DashboardChangeSource: Sendable {
    /// A new reader's stream of changes; it ends when the source shuts down or the reader stops iterating.
    func subscribe() -> AsyncStream<DashboardChange>
}
