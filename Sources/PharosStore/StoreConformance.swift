import PharosCore

/// A failed conformance check: which check, and what was expected versus found.
public struct ConformanceFailure: Error, Sendable, CustomStringConvertible {
    /// `check name: what went wrong`.
    public var description: String
}

/// The behaviour every `Store` driver must show (STYLE.md habit 14, the contract in `Store`'s doc comment). Each
/// check throws `ConformanceFailure` instead of importing a test framework, so the same checks run against
/// `InMemoryStore`, SQLite and PostgreSQL: `checks` each against a fresh empty store, `twoStoreChecks` against two
/// instances sharing one database.
public enum StoreConformance {
    /// Every single-store check (CRUD per kind, ordering, unicode names, concurrent writers, create-if-absent, CAS,
    /// claim-once, paging, change feed).
    public static var checks: [ConformanceCheck] {
        resourceChecks + entityAndEventChecks + settingChecks + conditionalChecks + deadlineChecks + pagingChecks
            + feedChecks
    }

    /// Runs every check, each against a new store from `makeStore`.
    /// - Throws: `ConformanceFailure` for the first behaviour that differs, or the store's own `StoreError`.
    public static func run(_ makeStore: () async throws -> any Store) async throws {
        for check in checks { try await check.run(try await makeStore()) }
    }

    static func expect(_ condition: Bool, _ check: String, _ detail: @autoclosure () -> String) throws {
        if !condition { throw ConformanceFailure(description: "\(check): \(detail())") }
    }

    /// Runs `body`, which must throw a `StoreError` of `kind`.
    static func expectError(
        _ kind: StoreError.Kind, _ check: String, _ body: () async throws -> Void
    ) async throws {
        do {
            try await body()
        } catch let error as StoreError {
            try expect(error.kind == kind, check, "got \(error.kind)")
            return
        }
        try expect(false, check, "no error")
    }

    // MARK: Builders

    static func check(_ name: String, namespace: String = "default", interval: UInt32 = 10) -> CheckConfig {
        CheckConfig(metadata: ObjectMeta(name: name, namespace: namespace), command: "true", interval: interval)
    }

    static func event(_ entity: String, _ check: String, status: UInt32 = 0, namespace: String = "default") -> Event {
        Event(
            timestamp: 1_700_000_000,
            entity: Entity(
                config: EntityConfig(metadata: ObjectMeta(name: entity, namespace: namespace)),
                state: EntityState(metadata: ObjectMeta(name: entity, namespace: namespace))),
            check: Check(config: CheckConfig(metadata: ObjectMeta(name: check, namespace: namespace)), status: status),
            metadata: ObjectMeta(namespace: namespace))
    }

    static func deadline(
        _ entity: String, check: String = "", kind: Deadline.Kind = .keepalive, expiresAt: Double,
        interval: Double = 10, owner: String = "backend-a"
    ) -> Deadline {
        Deadline(
            kind: kind, namespace: "default", entity: entity, check: check, expiresAt: expiresAt, interval: interval,
            lastSeen: expiresAt - interval, owner: owner)
    }

    static func eventKey(_ event: Event) -> String {
        "\(event.entity?.metadata.name ?? "")/\(event.check?.metadata.name ?? "")"
    }
}
