import Foundation
import PharosCore
import PharosMetrics
import Testing

/// `examples/sensu-kube-demo/`: the companion demo's Prometheus checks with only the command name changed, the
/// asset pointed at Pharos' tarball, decoded with Pharos' resource codec; `node-prometheus` runs against Debian's
/// node exporter.
@Suite(.serialized) struct CompanionCheckTests {
    static let examples = GrafanaDashboardTests.repository.appendingPathComponent("examples/sensu-kube-demo")
    static let checkNames = ["node-prometheus", "kube-state-prometheus", "cadvisor-metrics", "dummy-app-prometheus"]

    static var companion: URL {
        let shared =
            ProcessInfo.processInfo.environment["PHAROS_SHARED_DIR"].map { URL(fileURLWithPath: $0) }
            ?? GrafanaDashboardTests.repository.deletingLastPathComponent().appendingPathComponent("shared")
        return shared.appendingPathComponent("fixtures/seed-demo/companions/sensu+sensu-kube-demo/go/config")
    }

    static func check(at url: URL) throws -> CheckConfig {
        let decoded = try ResourceCodec().decode(try String(contentsOf: url, encoding: .utf8))
        #expect(decoded.warnings.isEmpty, "\(decoded.warnings)")
        guard case .checkConfig(let check)? = decoded.resources.first, decoded.resources.count == 1 else {
            Issue.record("\(url.lastPathComponent) is not one CheckConfig")
            throw CancellationError()
        }
        return check
    }

    @Test(arguments: checkNames)
    func checkDiffersFromTheCompanionOnlyByItsCommandName(name: String) throws {
        let ours = try Self.check(at: Self.examples.appendingPathComponent("checks/\(name).yaml"))
        #expect(ours.command.hasPrefix("pharos-prometheus-collector -exporter-url "))
        #expect(ours.runtimeAssets == ["prometheus-collector"])
        let companionFile = Self.companion.appendingPathComponent("checks/\(name).yaml")
        try #require(FileManager.default.fileExists(atPath: companionFile.path), "seed fixtures missing")
        var original = try Self.check(at: companionFile)
        #expect(original.command.hasPrefix("sensu-prometheus-collector "))
        original.command =
            "pharos-prometheus-collector " + original.command.dropFirst("sensu-prometheus-collector ".count)
        #expect(ours == original)
    }

    @Test func assetAndKubeletVariantDecode() throws {
        let decoded = try ResourceCodec().decode(
            try String(
                contentsOf: Self.examples.appendingPathComponent("assets/prometheus-collector.yaml"), encoding: .utf8))
        guard case .asset(let asset)? = decoded.resources.first else {
            Issue.record("not an Asset: \(decoded.resources)")
            return
        }
        #expect(asset.metadata.name == "prometheus-collector")
        #expect(asset.url.hasSuffix("/pharos-prometheus-collector_linux_amd64.tar.gz"))
        let kubelet = try Self.check(at: Self.examples.appendingPathComponent("kubelet-10250/cadvisor-metrics.yaml"))
        #expect(kubelet.command.contains("-exporter-url https://$HOST_IP:10250/metrics/cadvisor"))
        #expect(kubelet.command.contains(#"-exporter-authorization "Bearer $(cat "#))
    }

    @Test(.enabled(if: CollectorIntegrationTests.canRun))
    func nodePrometheusRunsAgainstTheNodeExporter() async throws {
        let check = try Self.check(at: Self.examples.appendingPathComponent("checks/node-prometheus.yaml"))
        try await PrometheusLab.with { lab in
            // The command as written (`$HOST_IP` from the agent's environment, as the DaemonSet sets it); only the
            // port moves from 9100 to the free port this test's exporter listens on.
            let command = check.command.replacingOccurrences(of: ":9100/", with: ":\(lab.nodeExporterPort)/")
            #expect(command != check.command)
            let path =
                Programs.binDirectory.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
            let result = try Programs.run(
                "/bin/sh", ["-c", command], environment: ["HOST_IP": "127.0.0.1", "PATH": path])
            #expect(result.status == 0, "\(result.stderr)")
            let extraction = MetricExtractor.extract(
                result.stdout, format: try #require(MetricFormat(rawValue: check.outputMetricFormat)),
                timestamp: 0, tags: [])
            #expect(extraction.diagnostics.isEmpty)
            #expect(extraction.points.contains { $0.name == "node_load1.value" })
        }
    }
}
