/// One page of a store listing (keyset paging, DESIGN.md §Store): the items, and the cursor to pass as `after` for
/// the next page, `nil` on the last.
public struct StorePage<Item: Sendable>: Sendable {
    /// The items, in listing order.
    public var items: [Item]
    /// The key of the last item when more items follow, else `nil`.
    public var next: String?

    /// Creates a page.
    public init(items: [Item], next: String?) {
        self.items = items
        self.next = next
    }
}
