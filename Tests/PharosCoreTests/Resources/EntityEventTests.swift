import Foundation
import PharosCore
import Testing

@Suite struct EntityEventTests {
    static let eventDir = "seed-demo/companions/calebhailey+sensu-go-metric-tag-enrichment@0.3.0/testing/data"

    @Test func decodesTheEnrichmentHandlersExampleEvent() throws {
        let event = try TestJSON.decode(Event.self, try TestJSON.fixture("\(Self.eventDir)/example-event.json"))
        let entity = try #require(event.entity)
        #expect(entity.metadata.name == "webserver01")
        #expect(entity.system.platformFamily == "rhel")
        #expect(entity.system.network.interfaces.map(\.name) == ["lo", "enp0s3", "enp0s8"])
        #expect(entity.system.network.interfaces[0].mac == "")
        #expect(entity.redact == Entity.defaultRedactedKeys)
        let check = try #require(event.check)
        #expect(check.metadata.name == "check-nginx")
        #expect(check.status == 1)
        #expect(check.state == "failing")
        #expect(check.interval == 20)
        #expect(event.isIncident)
        #expect(!event.isResolution)
        #expect(!event.hasMetrics)
    }

    @Test func decodesTheExtractedMetricsEventAndRoundTrips() throws {
        let text = try TestJSON.fixture("\(Self.eventDir)/example-event-with-extracted-metrics.json")
        let event = try TestJSON.decode(Event.self, text)
        let metrics = try #require(event.metrics)
        #expect(metrics.handlers == ["influxdb"])
        #expect(metrics.points.first?.name == "time")
        #expect(metrics.points.first?.value == 0.015248)
        #expect(event.entity?.system.network.interfaces[1].addresses == [])
        #expect(event.hasCheck && event.hasMetrics && !event.isIncident)
        #expect(try JSONValue(encoding: event).decode(Event.self) == event)
    }

    @Test func eventEncodesAppendixShape() throws {
        let event = Event(
            timestamp: 1_700_000_001,
            entity: Entity(
                metadata: ObjectMeta(name: "web01", namespace: "default"), entityClass: "agent",
                system: EntitySystem(hostname: "web01", os: "linux", libcType: "glibc"),
                subscriptions: ["linux", "entity:web01"], lastSeen: 1_700_000_001, user: "agent",
                sensuAgentVersion: "6.12.0"),
            metrics: Metrics(
                handlers: ["influxdb"], points: [MetricPoint(name: "/", value: 42, timestamp: 1_700_000_000)]),
            metadata: ObjectMeta(namespace: "default"), id: "3f0c8a9e-5d7b-4a55-9d8e-1c2b3a4d5e6f", sequence: 7)
        let expected = try TestJSON.tree(
            """
            {"timestamp":1700000001,"entity":{"entity_class":"agent","system":{"hostname":"web01","os":"linux",
             "network":{"interfaces":[]},"libc_type":"glibc","vm_system":"","vm_role":"","cloud_provider":"",
             "processes":null},"subscriptions":["linux","entity:web01"],"last_seen":1700000001,"deregister":false,
             "deregistration":{},"user":"agent","metadata":{"name":"web01","namespace":"default"},
             "sensu_agent_version":"6.12.0"},
             "metrics":{"handlers":["influxdb"],"points":[{"name":"/","value":42,"timestamp":1700000000,"tags":[]}]},
             "metadata":{"namespace":"default"},"id":"3f0c8a9e-5d7b-4a55-9d8e-1c2b3a4d5e6f","sequence":7,
             "pipelines":[]}
            """)
        #expect(try JSONValue(encoding: event) == expected)
        try event.validate()
    }

    /// `history` holds the results before the current one (oldest first); the current result is appended.
    @Test(
        arguments: [
            ([0, 2], UInt32(0), true), ([2, 0], UInt32(0), false), ([0, 0], UInt32(0), false), ([], UInt32(0), false),
            ([1, 2], UInt32(2), false),
        ] as [([UInt32], UInt32, Bool)])
    func resolutionNeedsANonOKPreviousResult(previous: [UInt32], status: UInt32, expected: Bool) {
        let history = (previous + [status]).map { CheckHistory(status: $0, executed: 0) }
        let event = Event(check: Check(status: status, history: history))
        #expect(event.isResolution == expected)
        #expect(event.isIncident == (status != 0))
    }

    @Test func redactionReplacesSensitiveLabelAndAnnotationValues() {
        let entity = Entity(
            metadata: ObjectMeta(
                name: "web", labels: ["password": "hunter2", "team": "ops", "API_KEY": "k"],
                annotations: ["secret": "s", "note": "n"]))
        let redacted = entity.redacted()
        #expect(redacted.metadata.labels == ["password": "REDACTED", "team": "ops", "API_KEY": "REDACTED"])
        #expect(redacted.metadata.annotations == ["secret": "REDACTED", "note": "n"])

        var custom = entity
        custom.redact = ["team"]
        #expect(custom.redacted().metadata.labels == ["password": "hunter2", "team": "REDACTED", "API_KEY": "k"])
    }

    @Test func entityConfigAndStateRecombine() {
        let entity = Entity(
            metadata: ObjectMeta(name: "web", namespace: "default", labels: ["a": "b"]), entityClass: "agent",
            system: EntitySystem(hostname: "web", arch: "amd64"), subscriptions: ["linux"], lastSeen: 9,
            deregister: true, deregistration: Deregistration(handler: "dereg"), user: "agent", redact: ["x"],
            sensuAgentVersion: "6.12.0", keepaliveHandlers: ["pager"])
        #expect(entity.state.metadata == ObjectMeta(name: "web", namespace: "default"))
        #expect(entity.config.keepaliveHandlers == ["pager"])
        #expect(Entity(config: entity.config, state: entity.state) == entity)
    }
}
