import PharosAgent
import Testing

@Suite struct AgentVersionTests {
    @Test func versionIsSemantic() {
        let parts = AgentVersion.current.split(separator: ".")
        #expect(parts.count == 3)
        #expect(parts.allSatisfy { Int($0) != nil })
    }
}
