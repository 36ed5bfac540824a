import Foundation
import PharosCore
import Testing

@Suite struct CheckTests {
    @Test func resultFieldsAreFlattenedIntoTheConfigObject() throws {
        let check = Check(
            config: CheckConfig(metadata: ObjectMeta(name: "check-disk", namespace: "default"), interval: 60),
            status: 2, output: "DISK CRITICAL", issued: 1_700_000_000, executed: 1_700_000_001, duration: 0.5,
            history: [CheckHistory(status: 2, executed: 1_700_000_001)], occurrences: 1, occurrencesWatermark: 1,
            state: "failing", processedBy: "web01")
        let tree = try JSONValue(encoding: check)
        #expect(tree["interval"] == .number(60))
        #expect(tree["status"] == .number(2))
        #expect(tree["duration"] == .number(0.5))
        #expect(tree["history"] == (try TestJSON.tree(#"[{"status":2,"executed":1700000001}]"#)))
        #expect(tree["scheduler"] == .string(""))
        #expect(tree["processed_by"] == .string("web01"))
        #expect(tree["is_silenced"] == .bool(false))
        #expect(tree["silenced"] == nil)
        #expect(tree["hooks"] == nil)
        #expect(tree["metadata"] == (try TestJSON.tree(#"{"name":"check-disk","namespace":"default"}"#)))
        #expect(try tree.decode(Check.self) == check)
        #expect(check.interval == 60)
    }

    @Test func zeroDurationAndEmptyStateAreOmitted() throws {
        let tree = try JSONValue(encoding: Check())
        #expect(tree["duration"] == nil)
        #expect(tree["state"] == nil)
        #expect(tree["output"] == .string(""))
        #expect(tree["history"] == .null)
    }

    @Test func hookResultsRoundTrip() throws {
        let hook = Hook(
            config: HookConfig(metadata: ObjectMeta(name: "ps-aux"), command: "ps aux", timeout: 10),
            duration: 0.1, executed: 5, issued: 4, output: "PID", status: 0)
        let tree = try JSONValue(encoding: hook)
        #expect(
            tree
                == (try TestJSON.tree(
                    """
                    {"metadata":{"name":"ps-aux"},"command":"ps aux","timeout":10,"stdin":false,"runtime_assets":null,
                     "duration":0.1,"executed":5,"issued":4,"output":"PID","status":0}
                    """)))
        #expect(try tree.decode(Hook.self) == hook)
        #expect(hook.command == "ps aux")
    }
}
