import Foundation
import Logging
import PharosAgent
import PharosCore
import Testing

@Suite struct CheckRunnerTests {
    static let entity = Entity(
        metadata: ObjectMeta(name: "pod-1", namespace: "webinar", labels: ["port": "8080"]), entityClass: "agent",
        system: EntitySystem(hostname: "pod-1", os: "linux"), subscriptions: ["nginx", "entity:pod-1"])

    func runner(assetsRoot: String = "/nonexistent") -> CheckRunner {
        CheckRunner(
            agentName: "pod-1", assets: DirectoryAssetProvider(root: assetsRoot),
            environment: ["PATH": "/usr/bin:/bin"], logger: Logger(label: "test"))
    }

    func request(
        _ command: String, name: String = "check", issued: Int64 = 100, timeout: UInt32 = 0,
        configure: (inout CheckConfig) -> Void = { _ in }
    ) -> CheckRequest {
        var config = CheckConfig(
            metadata: ObjectMeta(name: name, namespace: "webinar"), command: command, interval: 10, timeout: timeout)
        configure(&config)
        return CheckRequest(config: config, issued: issued)
    }

    @Test(arguments: [
        ("echo ok", UInt32(0), "ok\n"),
        ("echo warn; exit 1", 1, "warn\n"),
        ("echo out; echo err >&2; exit 2", 2, "out\nerr\n"),
        ("no-such-command-pharos", 127, "/bin/sh: 1: no-such-command-pharos: not found\n"),
    ])
    func exitStatusAndMergedOutput(command: String, status: UInt32, output: String) async throws {
        let event = try #require(await runner().run(request(command), entity: Self.entity))
        let check = try #require(event.check)
        #expect(check.status == status)
        #expect(check.output == output)
        #expect(check.issued == 100)
        #expect(check.processedBy == "pod-1")
        #expect(check.config.command == command)
        #expect(check.executed > 0)
        #expect(check.duration >= 0)
        #expect(event.entity?.metadata.name == "pod-1")
        #expect(event.timestamp >= check.executed)
        #expect(UUID(uuidString: event.id) != nil)
    }

    @Test func timeoutKillsTheProcessGroup() async throws {
        let start = ContinuousClock.now
        let event = try #require(
            await runner().run(request("echo started; sleep 30", timeout: 1), entity: Self.entity))
        let elapsed = ContinuousClock.now - start
        let check = try #require(event.check)
        #expect(check.status == 2)
        #expect(check.output == "Execution timed out\nstarted\n")
        #expect(elapsed < .seconds(5))
    }

    @Test func tokensAreSubstitutedButTheOriginalCommandIsReported() async throws {
        let command = "echo {{ .name }} {{ .labels.port }} {{ .labels.missing | default \"80\" }}"
        let event = try #require(await runner().run(request(command), entity: Self.entity))
        #expect(event.check?.output == "pod-1 8080 80\n")
        #expect(event.check?.config.command == command)
    }

    @Test func unmatchedTokenGivesStatus3() async throws {
        let event = try #require(
            await runner().run(request("echo {{ .labels.disk_warning }}"), entity: Self.entity))
        #expect(event.check?.status == 3)
        let output = try #require(event.check?.output)
        #expect(output.hasPrefix("error while substituting check tokens:"))
        #expect(output.contains("{{ .labels.disk_warning }}"))
    }

    @Test func checkHTTPStyleOutputBecomesMetrics() async throws {
        let output =
            "HTTP OK: HTTP/1.1 200 OK - 160 bytes in 0.000 second response time |time=0.000447s;;;0.000000;10.000000 size=160B;;;0;"
        let event = try #require(
            await runner().run(
                request("printf '%s\\n' '\(output)'") {
                    $0.outputMetricFormat = "nagios_perfdata"
                    $0.outputMetricHandlers = ["influxdb"]
                    $0.outputMetricTags = [MetricTag(name: "pod", value: "{{ .name }}")]
                }, entity: Self.entity))
        let check = try #require(event.check)
        #expect(check.status == 0)
        let metrics = try #require(event.metrics)
        #expect(metrics.handlers == ["influxdb"])
        #expect(metrics.points.map(\.name) == ["time", "size"])
        #expect(metrics.points.map(\.value) == [0.000447, 160])
        #expect(metrics.points.allSatisfy { $0.timestamp == check.executed })
        #expect(metrics.points.allSatisfy { $0.tags.contains(MetricTag(name: "pod", value: "pod-1")) })
    }

    @Test func duplicateAndOlderRequestsAreIgnored() async throws {
        let runner = runner()
        #expect(await runner.run(request("echo 1", issued: 100), entity: Self.entity) != nil)
        #expect(await runner.run(request("echo 1", issued: 100), entity: Self.entity) == nil)
        #expect(await runner.run(request("echo 1", issued: 99), entity: Self.entity) == nil)
        #expect(await runner.run(request("echo 1", issued: 101), entity: Self.entity) != nil)
        #expect(await runner.run(request("echo 1", name: "other", issued: 100), entity: Self.entity) != nil)
    }

    @Test func aRunningCheckIsNotStartedTwice() async throws {
        let runner = runner()
        async let first = runner.run(request("sleep 1; echo first", issued: 1), entity: Self.entity)
        try await Task.sleep(for: .milliseconds(300))
        let second = await runner.run(request("echo second", issued: 2), entity: Self.entity)
        #expect(second == nil)
        #expect(await first?.check?.output == "first\n")
    }

    @Test func runtimeAssetsArePrependedToPath() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pharos-assets-\(UUID())").path
        let bin = "\(root)/demo-plugins/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "#!/bin/sh\necho plugin ran\nexit 1\n".write(toFile: "\(bin)/check_demo", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: "\(bin)/check_demo")
        var checkRequest = request("check_demo; echo $DEMO_PLUGINS_PATH") { $0.runtimeAssets = ["demo-plugins"] }
        checkRequest.assets = [Asset(metadata: ObjectMeta(name: "demo-plugins"), url: "http://127.0.0.1/demo.tar.gz")]
        let event = try #require(await runner(assetsRoot: root).run(checkRequest, entity: Self.entity))
        #expect(event.check?.status == 0)
        #expect(event.check?.output == "plugin ran\n\(root)/demo-plugins\n")
    }

    @Test func assetFailureGivesStatus3NamingAssetAndURL() async throws {
        var checkRequest = request("true") { $0.runtimeAssets = ["missing"] }
        checkRequest.assets = [Asset(metadata: ObjectMeta(name: "missing"), url: "http://127.0.0.1/missing.tar.gz")]
        let event = try #require(await runner().run(checkRequest, entity: Self.entity))
        #expect(event.check?.status == 3)
        let output = try #require(event.check?.output)
        #expect(output.contains("missing"))
        #expect(output.contains("http://127.0.0.1/missing.tar.gz"))
        #expect(output.contains("not found in /nonexistent"))
    }
}
