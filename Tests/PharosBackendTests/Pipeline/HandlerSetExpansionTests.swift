import PharosBackend
import PharosCore
import Testing

@Suite struct HandlerSetExpansionTests {
    static func handlers(_ list: [Handler]) -> [String: Handler] {
        Dictionary(uniqueKeysWithValues: list.map { ($0.metadata.name, $0) })
    }

    static let stored = handlers([
        PipelineFixture.pipe("slack", "slack"),
        PipelineFixture.pipe("pagerduty", "pd"),
        PipelineFixture.pipe("influxdb", "influx"),
        PipelineFixture.pipe("deep", "deep"),
        PipelineFixture.set("ops", ["slack", "pagerduty", "slack"]),
        PipelineFixture.set("all", ["ops", "influxdb", "missing-one"]),
        PipelineFixture.set("one", ["two"]),
        PipelineFixture.set("two", ["three", "slack"]),
        PipelineFixture.set("three", ["four", "pagerduty"]),
        PipelineFixture.set("four", ["deep"]),
        PipelineFixture.set("loop", ["loop", "influxdb"]),
    ])

    @Test(arguments: [
        (["slack"], ["slack"], [String](), [String]()),
        (["slack", "slack", "influxdb"], ["influxdb", "slack"], [], []),
        (["ops"], ["pagerduty", "slack"], [], []),
        (["all", "slack"], ["influxdb", "pagerduty", "slack"], ["missing-one"], []),
        (["nope"], [], ["nope"], []),
        // one (members at level 2) → two (members at level 3: slack, three) → three's members would be at level 4:
        // dropped with it (pagerduty, four, deep).
        (["one"], ["slack"], [], ["three"]),
        // A set that contains itself stops at the depth limit instead of recursing for ever.
        (["loop"], ["influxdb"], [], ["loop"]),
    ])
    func expands(_ names: [String], expected: [String], missing: [String], tooDeep: [String]) {
        let expansion = HandlerSetExpansion(names: names, lookup: { Self.stored[$0] })
        #expect(expansion.handlers.map(\.metadata.name) == expected)
        #expect(expansion.missing == missing)
        #expect(expansion.tooDeep == tooDeep)
        #expect(expansion.handlers.allSatisfy { $0.type != "set" })
    }

    // Issue 18 item 10: a set's filters gate its members, outermost set first; a handler also reached by a path
    // without that filter is not gated by it.
    @Test func setFiltersAreInheritedByMembers() {
        func set(_ name: String, _ members: [String], _ filters: [String]) -> Handler {
            var handler = PipelineFixture.set(name, members)
            handler.filters = filters
            return handler
        }
        let stored: [String: Handler] = [
            "outer": set("outer", ["inner", "leaf"], ["f1"]),
            "inner": set("inner", ["leaf2"], ["f2"]),
            "other": set("other", ["leaf"], []),
            "leaf": PipelineFixture.pipe("leaf", "true", filters: ["own"]),
            "leaf2": PipelineFixture.pipe("leaf2", "true"),
        ]
        let nested = HandlerSetExpansion(names: ["outer"], lookup: { stored[$0] })
        #expect(nested.setFilters == ["leaf": ["f1"], "leaf2": ["f1", "f2"]])
        let twoPaths = HandlerSetExpansion(names: ["outer", "other"], lookup: { stored[$0] })
        #expect(twoPaths.setFilters["leaf"] == [])
        #expect(HandlerSetExpansion(names: ["leaf"], lookup: { stored[$0] }).setFilters == ["leaf": []])
    }

    @Test func handlerNamesJoinCheckAndMetricsHandlers() {
        let event = PipelineFixture.event(handlers: ["slack"], metricHandlers: ["influxdb"])
        #expect(HandlerSetExpansion.handlerNames(of: event) == ["slack", "influxdb"])
        var metricsOnly = event
        metricsOnly.check = nil
        #expect(HandlerSetExpansion.handlerNames(of: metricsOnly) == ["influxdb"])
    }
}
