import Foundation
import PharosCore
import Testing

@Suite struct MetricTagEnrichmentTests {
    static func fixture(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"))
        return try Data(contentsOf: url)
    }

    static func tags(_ pairs: [(String, String)]) -> JSONValue {
        .array(pairs.map { .object(["name": .string($0.0), "value": .string($0.1)]) })
    }

    @Test func enrichesTheCompanionExampleEvent() throws {
        let event = try EventJSON.parse(Self.fixture("tag-enrichment-event-with-metrics"))
        let enriched = try MetricTagEnrichment.enrich(event)

        let expectedTags = Self.tags([
            ("entity", "c6cc15000a01"), ("namespace", "default"), ("check", "sensu_asset_index_response"),
            ("region", "us-west-1"),
        ])
        let points = try #require(enriched["metrics"]?["points"])
        #expect(
            points
                == .array([
                    .object([
                        "name": .string("time"), "value": .number(0.015248), "timestamp": .number(1_546_209_195),
                        "tags": expectedTags,
                    ]),
                    .object([
                        "name": .string("size"), "value": .number(845), "timestamp": .number(1_546_209_195),
                        "tags": expectedTags,
                    ]),
                ])
        )
        // Everything else is unchanged.
        guard case .object(var members) = enriched, case .object(var metrics)? = members["metrics"] else {
            Issue.record("enriched event is not an object with metrics")
            return
        }
        metrics["points"] = event["metrics"]?["points"]
        members["metrics"] = .object(metrics)
        #expect(JSONValue.object(members) == event)
    }

    @Test func passesAnEventWithoutMetricsThroughUnchanged() throws {
        let event = try EventJSON.parse(Self.fixture("tag-enrichment-event-without-metrics"))
        #expect(try MetricTagEnrichment.enrich(event) == event)
        #expect(
            MetricTagEnrichment.contextTags(of: event) == [
                MetricTag(name: "entity", value: "webserver01"), MetricTag(name: "namespace", value: "default"),
                MetricTag(name: "check", value: "check-nginx"), MetricTag(name: "bar", value: "baz"),
                MetricTag(name: "foo", value: "bar"),
            ]
        )
    }

    @Test func keepsTagsThePointAlreadyHasAndNeverLetsALabelOverrideTheEntity() throws {
        let event: JSONValue = .object([
            "entity": .object([
                "metadata": .object([
                    "name": .string("node-1"), "namespace": .string("ops"),
                    "labels": .object(["entity": .string("label-wins?"), "region": .string("eu"), "tier": .string("")]),
                ])
            ]),
            "metrics": .object([
                "handlers": .array([.string("influxdb")]),
                "points": .array([
                    .object([
                        "name": .string("cpu.idle"), "value": .number(97), "timestamp": .number(1_700_000_000),
                        "tags": Self.tags([("region", "us"), ("core", "0")]),
                    ]),
                    .object(["name": .string("up"), "value": .number(1), "timestamp": .number(1_700_000_000)]),
                ]),
            ]),
            "unknown_field": .object(["kept": .bool(true)]),
        ])
        let enriched = try MetricTagEnrichment.enrich(event)
        let points = try #require(enriched["metrics"]?["points"])
        guard case .array(let list) = points, list.count == 2 else {
            Issue.record("points: \(points)")
            return
        }
        // No check: no `check` tag. Entity namespace is used when the event has no metadata.namespace.
        #expect(
            list[0]["tags"]
                == Self.tags([("region", "us"), ("core", "0"), ("entity", "node-1"), ("namespace", "ops")])
        )
        #expect(list[1]["tags"] == Self.tags([("entity", "node-1"), ("namespace", "ops"), ("region", "eu")]))
        #expect(enriched["unknown_field"] == .object(["kept": .bool(true)]))
        #expect(enriched["metrics"]?["handlers"] == .array([.string("influxdb")]))
    }

    @Test func prefersTheEventNamespaceOverTheEntityNamespace() {
        let event: JSONValue = .object([
            "metadata": .object(["namespace": .string("prod")]),
            "entity": .object(["metadata": .object(["name": .string("a"), "namespace": .string("other")])]),
            "check": .object(["metadata": .object(["name": .string("check-cpu")])]),
        ])
        #expect(
            MetricTagEnrichment.contextTags(of: event) == [
                MetricTag(name: "entity", value: "a"), MetricTag(name: "namespace", value: "prod"),
                MetricTag(name: "check", value: "check-cpu"),
            ]
        )
    }

    @Test(arguments: [
        (JSONValue.array([]), "event: the JSON value must be an object (a Sensu event)"),
        (.object(["metrics": .object(["points": .string("x")])]), "event: metrics.points must be an array"),
        (.object(["metrics": .object(["points": .array([.number(1)])])]), "event: metrics.points[0] must be an object"),
        (
            .object(["metrics": .object(["points": .array([.object(["tags": .number(1)])])])]),
            "event: metrics.points[0].tags must be an array"
        ),
    ])
    func refusesMalformedEvents(_ event: JSONValue, message: String) {
        #expect(throws: EventInputError.self) { try MetricTagEnrichment.enrich(event) }
        do {
            _ = try MetricTagEnrichment.enrich(event)
        } catch {
            #expect(error.description == message)
        }
    }
}
