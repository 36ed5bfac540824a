/// One element of a change-feed subscription.
public enum StoreFeedItem: Sendable, Hashable {
    /// A committed change.
    case change(StoreChange)
    /// The subscriber fell behind (its buffer was full) and changes after sequence `after` were dropped for it:
    /// whatever it derived from the store must be reloaded. Changes that follow the marker are delivered as usual.
    case resync(after: UInt64)
}
