import PharosStore
import Testing

@Suite struct InMemoryStoreTests {
    @Test func passesTheStoreConformanceChecks() async throws {
        try await StoreConformance.run(InMemoryStore())
    }
}
