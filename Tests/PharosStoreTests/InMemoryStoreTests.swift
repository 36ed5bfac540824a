import PharosCore
import PharosStore
import Testing

@Suite struct InMemoryStoreTests {
    @Test(arguments: StoreConformance.checks)
    func passesTheStoreConformanceCheck(_ check: ConformanceCheck) async throws {
        try await check.run(InMemoryStore())
    }

    /// One instance stands for "two writers on one database" (the in-memory store has no shared database).
    @Test(arguments: StoreConformance.twoStoreChecks)
    func passesTheTwoWriterCheck(_ check: TwoStoreCheck) async throws {
        let store = InMemoryStore()
        try await check.run(store, store)
    }

    @Test func theContractHasAtLeastFortyChecks() {
        #expect(StoreConformance.checks.count >= 40)
        #expect(Set(StoreConformance.checks.map(\.name)).count == StoreConformance.checks.count)
    }
}
