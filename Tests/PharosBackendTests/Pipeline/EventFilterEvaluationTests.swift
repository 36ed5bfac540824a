import Foundation
import PharosBackend
import PharosCore
import Testing

@Suite struct EventFilterEvaluationTests {
    /// 2026-03-04 (a Wednesday) 14:30 UTC.
    static let afternoon = Date(timeIntervalSince1970: 1_772_634_600)

    @Test(arguments: [
        ("is_incident", 2, [UInt32](), true),
        ("is_incident", 0, [0, 0], false),
        ("is_incident", 0, [2, 0], true),
        ("has_metrics", 2, [], false),
        ("not_silenced", 2, [], true),
    ])
    func builtIns(_ name: String, status: UInt32, history: [UInt32], passes: Bool) throws {
        let event = PipelineFixture.event(status: status, handlers: [], history: history)
        #expect(try #require(EventFilterEvaluation.builtIn(name, event: event)).passes == passes)
    }

    @Test func builtInSilencedAndMetrics() throws {
        var event = PipelineFixture.event(handlers: [], metricHandlers: ["influx"])
        event.check?.silenced = ["linux:check-disk"]
        #expect(try #require(EventFilterEvaluation.builtIn("not_silenced", event: event)).passes == false)
        #expect(try #require(EventFilterEvaluation.builtIn("has_metrics", event: event)).passes == true)
        #expect(EventFilterEvaluation.builtIn("custom", event: event) == nil)
    }

    @Test(arguments: [
        ("allow", ["event.check.status == 2"], true, 0),
        ("allow", ["event.check.status == 2", "event.entity.labels.region == 'us'"], false, 0),
        ("allow", ["event.check.name == 'check-disk'", "event.entity.name == 'web-1'"], true, 0),
        ("allow", ["event.is_incident && !event.is_silenced"], true, 0),
        ("allow", ["event.entity.labels.api_key == 'REDACTED'"], true, 0),
        (
            "allow", ["event.check.occurrences == 1 || event.check.occurrences % (3600 / event.check.interval) == 0"],
            false, 0
        ),
        ("allow", ["event.no.such == 1", "event.check.status == 2"], true, 1),
        ("allow", ["(((", "event.check.status == 0"], false, 1),
        ("deny", ["event.check.status == 0", "event.entity.labels.region == 'eu'"], false, 0),
        ("deny", ["event.check.status == 0"], true, 0),
        ("deny", ["event.no.such == 1"], true, 1),
    ])
    func expressions(_ action: String, _ expressions: [String], passes: Bool, errors: Int) {
        let filter = EventFilter(metadata: ObjectMeta(name: "f"), action: action, expressions: expressions)
        let binding = EventFilterEvaluation.eventBinding(PipelineFixture.event(handlers: []))
        let result = EventFilterEvaluation(filter: filter, binding: binding, now: Self.afternoon)
        #expect(result.passes == passes)
        #expect(result.errors.count == errors)
    }

    @Test(arguments: [
        ("allow", "2:00PM", "3:00PM", true),
        ("allow", "4:00PM", "5:00PM", false),
        ("deny", "2:00PM", "3:00PM", false),
        ("deny", "4:00PM", "5:00PM", true),
        ("allow", "10:00PM", "3:00PM", true),
    ])
    func whenWindows(_ action: String, begin: String, end: String, passes: Bool) throws {
        let when = try JSONDecoder().decode(
            TimeWindowWhen.self, from: Data(#"{"days":{"all":[{"begin":"\#(begin)","end":"\#(end)"}]}}"#.utf8))
        let filter = EventFilter(
            metadata: ObjectMeta(name: "f"), action: action,
            expressions: [action == "allow" ? "event.check.status == 2" : "event.check.status == 1"], when: when)
        let binding = EventFilterEvaluation.eventBinding(PipelineFixture.event(handlers: []))
        let result = EventFilterEvaluation(filter: filter, binding: binding, now: Self.afternoon)
        #expect(result.passes == passes)
    }
}
