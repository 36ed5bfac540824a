/// Chooses the backend URL of each connection attempt: one random permutation of the configured URLs, then
/// round robin through it (Sensu Go `agent/backend_selector.go`, reference §3.4).
public struct BackendSelector: Sendable, Hashable {
    /// The URLs in the order they are tried.
    public private(set) var order: [String]
    private var position = 0

    /// Shuffles `urls` once with `generator`.
    /// - Precondition: `urls` is not empty.
    public init(urls: [String], generator: inout some RandomNumberGenerator) {
        precondition(!urls.isEmpty, "an agent needs at least one backend URL")
        self.order = urls.shuffled(using: &generator)
    }

    /// Shuffles `urls` once with the system random generator.
    public init(urls: [String]) {
        var generator = SystemRandomNumberGenerator()
        self.init(urls: urls, generator: &generator)
    }

    /// The URL for the next attempt.
    public mutating func next() -> String {
        defer { position = (position + 1) % order.count }
        return order[position]
    }
}
