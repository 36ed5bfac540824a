/// One named behaviour of the store contract, run against a store that starts empty (`StoreConformance.checks`).
public struct ConformanceCheck: Sendable, CustomStringConvertible {
    /// What the check shows, e.g. `create-if-absent race: one winner`.
    public var name: String
    /// Runs the check; throws `ConformanceFailure` (or the store's `StoreError`) when the store misbehaves.
    public var run: @Sendable (any Store) async throws -> Void

    /// Creates a check.
    public init(_ name: String, run: @escaping @Sendable (any Store) async throws -> Void) {
        self.name = name
        self.run = run
    }

    /// The name (parameterised tests show it).
    public var description: String { name }
}
