import Foundation
import PharosCore
import Testing

/// Sensu documentation examples and member access against a realistic event (`event`) and entity (`entity`).
@Suite struct FilterExpressionEventTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_045)

    static let vectors: [(String, JSValue)] = [
        ("event.check.occurrences == 1 || event.check.occurrences % (3600 / event.check.interval) == 0", .bool(true)),
        ("entity.system.os == 'linux' && entity.system.arch == 'amd64'", .bool(true)),
        ("event.entity.labels.region === 'us-west-1'", .bool(true)),
        ("hour(event.timestamp) >= 17", .bool(true)),
        ("event.check.output.indexOf('CRITICAL') >= 0", .bool(true)),
        ("weekday(event.timestamp) == 0", .bool(false)),
        ("event.check.status != 0", .bool(true)),
        ("event.entity.subscriptions.indexOf('linux') >= 0", .bool(true)),
        ("event.check.name.match(/^disk/)", .array([.string("disk")])),
        ("event.is_incident && !event.is_silenced", .bool(true)),
        ("event.entity.labels.missing === undefined", .bool(true)),
        ("event.entity.labels.missing", .undefined),
        ("event.entity.labels.disk_warning > 75", .bool(true)),
        ("event.entity.labels['region']", .string("us-west-1")),
        ("'region' in event.entity.labels", .bool(true)),
        ("event.entity.labels.hasOwnProperty('zone')", .bool(false)),
        ("event.check.history[1].status", .number(2)),
        ("event.check.history[event.check.history.length - 1].executed", .number(1_700_000_000)),
        ("event.entity.system.network.interfaces[0].addresses[0]", .string("10.0.0.5/24")),
        ("event.check.silenced.length == 0", .bool(true)),
        ("event.entity.subscriptions.includes('entity:' + event.entity.name)", .bool(true)),
        ("seconds_since(event.check.executed) < 120", .bool(true)),
        ("event.check.duration * 1000", .number(12)),
        ("event.check.handlers + ''", .string("slack")),
        ("event.entity == event.entity", .bool(false)),
        ("event.entity + ''", .string("[object Object]")),
        ("/^web\\d+$/.test(entity.name)", .bool(true)),
        ("entity.system.platform_version.split('.')[0] >= 12", .bool(true)),
    ]

    @Test(arguments: vectors)
    func evaluatesAgainstEvent(_ source: String, _ expected: JSValue) throws {
        let value = try FilterExpression(source).value(try ExpressionTestSupport.bindings(), now: Self.now)
        #expect(ExpressionTestSupport.same(value, expected), "\(source) gave \(value)")
    }

    @Test(arguments: [(1.0, true), (7, false), (60, true), (61, false), (120, true)])
    func alertFatigueFilterPassesFirstAndHourlyOccurrences(_ occurrences: Double, _ expected: Bool) throws {
        let expression = try FilterExpression(
            "event.check.occurrences == 1 || event.check.occurrences % (3600 / event.check.interval) == 0")
        let event = try ExpressionTestSupport.event(setting: ["check", "occurrences"], to: .number(occurrences))
        #expect(try expression.evaluate(["event": event]) == expected)
    }

    @Test func weekdayHelperSeesSunday() throws {
        let expression = try FilterExpression("weekday(event.timestamp) == 0 && hour(event.timestamp) < 1")
        let sunday = try ExpressionTestSupport.event(setting: ["timestamp"], to: .number(1_700_352_000))
        #expect(try expression.evaluate(["event": sunday]))
        #expect(try !expression.evaluate(["event": try ExpressionTestSupport.event()]))
    }

    @Test func compiledExpressionIsReusedAcrossTrees() throws {
        let expression = try FilterExpression("event.check.status != 0")
        var passed = 0
        for status in 0..<100 {
            let event = try ExpressionTestSupport.event(setting: ["check", "status"], to: .number(Double(status % 4)))
            if try expression.evaluate(["event": event]) { passed += 1 }
        }
        #expect(passed == 75)
        #expect(expression == (try FilterExpression("event.check.status != 0")))
        #expect(expression.description == "event.check.status != 0")
    }

    @Test func bindingsShadowBuiltins() throws {
        let value = try FilterExpression("hour").value(["hour": .number(5)])
        #expect(value == .number(5))
    }
}
