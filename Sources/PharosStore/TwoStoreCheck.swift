/// A behaviour of the store contract that needs two store instances on ONE database (two writers in one process):
/// create-if-absent, compare-and-swap and claim-once must hold across instances, not only across tasks.
public struct TwoStoreCheck: Sendable, CustomStringConvertible {
    /// What the check shows.
    public var name: String
    /// Runs the check with two stores sharing a database that starts empty.
    public var run: @Sendable (any Store, any Store) async throws -> Void

    /// Creates a check.
    public init(_ name: String, run: @escaping @Sendable (any Store, any Store) async throws -> Void) {
        self.name = name
        self.run = run
    }

    /// The name (parameterised tests show it).
    public var description: String { name }
}
