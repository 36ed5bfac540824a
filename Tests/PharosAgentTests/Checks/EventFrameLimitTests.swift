import Foundation
import Logging
import PharosAgent
import PharosCore
import PharosWire
import Testing

/// Field failure #18 item 3: a check result over the gateway's message size was refused by the backend, which
/// closed the connection, so the result was lost and the agent reconnected. The agent now caps output and frames.
@Suite struct EventFrameLimitTests {
    static let entity = Entity(
        metadata: ObjectMeta(name: "pod-1", namespace: "default"), entityClass: "agent",
        subscriptions: ["entity:pod-1"])

    static func event(output: String) -> Event {
        Event(
            timestamp: 1_700_000_000, entity: entity,
            check: Check(config: CheckConfig(metadata: ObjectMeta(name: "big", namespace: "default")), output: output),
            metadata: ObjectMeta(namespace: "default"), id: UUID().uuidString)
    }

    @Test func smallEventsAreUntouched() throws {
        let (frame, shrink) = try AgentEvents.eventFrame(Self.event(output: "ok\n"))
        #expect(shrink == AgentEvents.FrameShrink())
        #expect(try frame.decode(Event.self).check?.output == "ok\n")
    }

    /// Control characters encode to six bytes each (`\u0001`): 1 MiB of them is 6 MiB of JSON.
    @Test func escapedOutputIsCutUntilTheFrameFits() throws {
        let output = String(repeating: "\u{01}", count: 1 << 20)
        let (frame, shrink) = try AgentEvents.eventFrame(Self.event(output: output))
        #expect(frame.bytes.count <= AgentFrame.agentMessageLimit)
        let check = try #require(try frame.decode(Event.self).check)
        #expect(check.output.utf8.count + shrink.outputBytes == 1 << 20)
        #expect(check.metadata.labels["sensu.io/output_truncated_bytes"] == String(shrink.outputBytes))
        #expect(check.output.utf8.count > 400_000)
    }

    @Test func metricPointsAreDroppedWhenOutputIsNotEnough() throws {
        var event = Self.event(output: "")
        event.metrics = Metrics(
            points: (0..<2000).map { MetricPoint(name: "series.\($0)", value: Double($0), timestamp: 1_700_000_000) })
        let (frame, shrink) = try AgentEvents.eventFrame(event, limit: 40_000)
        #expect(frame.bytes.count <= 40_000)
        let decoded = try frame.decode(Event.self)
        #expect(shrink.metricPoints > 0)
        #expect((decoded.metrics?.points.count ?? 0) + shrink.metricPoints == 2000)
        #expect(decoded.metadata.labels["pharos.io/metric_points_dropped"] == String(shrink.metricPoints))
    }

    @Test(arguments: [
        ("printf 'x%.0s' $(seq 1 3000)", Int64(1024), 1024, "1976"),
        ("head -c 3145728 /dev/zero | tr '\\0' x", Int64(0), 1 << 20, "2097152"),
        ("echo ok", Int64(1024), 3, nil),
    ])
    func checkOutputIsCappedAndLabelled(command: String, maxOutputSize: Int64, kept: Int, label: String?) async throws {
        let runner = CheckRunner(
            agentName: "pod-1", assets: DisabledAssetProvider(), environment: ["PATH": "/usr/bin:/bin"],
            logger: Logger(label: "test"))
        var config = CheckConfig(metadata: ObjectMeta(name: "big", namespace: "default"), command: command)
        config.maxOutputSize = maxOutputSize
        let event = try #require(await runner.run(CheckRequest(config: config, issued: 1), entity: Self.entity))
        #expect(event.check?.output.utf8.count == kept)
        #expect(event.check?.metadata.labels["sensu.io/output_truncated_bytes"] == label)
    }
}
