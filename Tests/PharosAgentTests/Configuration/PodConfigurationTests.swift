import Foundation
import PharosAgent
import Testing

/// The agent's settings in a Kubernetes pod: the entity name from the pod, labels as `SENSU_LABELS` JSON (as the
/// k8s-o11y-cncf-webinar sidecar writes them) and from a Downward API labels file.
@Suite struct PodConfigurationTests {
    @Test(arguments: [
        // (environment, host name, expected entity name)
        ([String: String](), "host-a", "host-a"),
        (["POD_NAME": "nginx-7d9c6f5b4-x2x4z"], "node-1", "nginx-7d9c6f5b4-x2x4z"),
        (["POD_NAME": " "], "host-a", "host-a"),
        (["KUBERNETES_SERVICE_HOST": "10.96.0.1", "HOSTNAME": "nginx-abc"], "uts-name", "nginx-abc"),
        (["HOSTNAME": "nginx-abc"], "uts-name", "uts-name"),
        (["POD_NAME": "pod-b", "KUBERNETES_SERVICE_HOST": "10.96.0.1", "HOSTNAME": "node-1"], "node-1", "pod-b"),
    ])
    func entityNameDefaultsToThePod(environment: [String: String], hostname: String, expected: String) throws {
        let configuration = try AgentConfiguration.resolve(flags: [:], environment: environment, hostname: hostname)
        #expect(configuration.name == expected)
    }

    @Test func explicitNameWinsOverThePod() throws {
        let configuration = try AgentConfiguration.resolve(
            flags: [:], environment: ["POD_NAME": "pod-b", "SENSU_NAME": "node-1"], hostname: "h")
        #expect(configuration.name == "node-1")
    }

    @Test func sensuLabelsAsJSON() throws {
        // The folded YAML scalar of the webinar's sidecar after the kubelet's $(VAR) expansion.
        let json = """
            { "foo": "bar", "kube_namespace": "webinar", "kubelet": "node-1" }
            """
        let configuration = try AgentConfiguration.resolve(
            flags: [:], environment: ["SENSU_LABELS": json], hostname: "h")
        #expect(configuration.labels == ["foo": "bar", "kube_namespace": "webinar", "kubelet": "node-1"])
        let pairs = try AgentConfiguration.resolve(flags: [:], environment: ["SENSU_LABELS": "a=1,b=2"], hostname: "h")
        #expect(pairs.labels == ["a": "1", "b": "2"])
    }

    @Test(arguments: [
        (#"{"a": 1}"#, #"SENSU_LABELS (--labels): the value of "a" must be a string; got 1"#),
        (#"{"a": "x", "b": ["y"]}"#, #"SENSU_LABELS (--labels): the value of "b" must be a string; got ["y"]"#),
    ])
    func sensuLabelsJSONErrorsNameTheVariable(json: String, message: String) {
        #expect(throws: ConfigurationError(message)) {
            try AgentConfiguration.resolve(flags: [:], environment: ["SENSU_LABELS": json], hostname: "h")
        }
    }

    @Test func brokenJSONNamesTheVariable() {
        do {
            _ = try AgentConfiguration.resolve(flags: [:], environment: ["SENSU_LABELS": #"{"a": "#], hostname: "h")
            Issue.record("accepted broken JSON")
        } catch {
            #expect(error.description.hasPrefix("SENSU_LABELS (--labels) is not valid JSON: "))
        }
    }

    @Test func downwardAPILabelsFile() throws {
        // What the kubelet writes for metadata.labels: sorted key="value" lines, values Go-quoted.
        let text = """
            app="nginx"
            app.kubernetes.io/part-of="pharos-demo"
            note="say \\"hi\\"\\tthen\\\\leave \\u00e9"
            pod-template-hash="7d9c6f5b4"

            """
        let labels = try AgentConfiguration.parseLabelsFile(text, source: "/etc/pharos/podinfo/labels")
        #expect(
            labels == [
                "app": "nginx", "app.kubernetes.io/part-of": "pharos-demo", "note": "say \"hi\"\tthen\\leave é",
                "pod-template-hash": "7d9c6f5b4",
            ])
    }

    @Test(arguments: ["app=nginx", "=\"x\"", "app=\"unterminated", "app=\"bad \\q escape\""])
    func badLabelsFileLineNamesFileAndLine(line: String) {
        #expect(
            throws: ConfigurationError(
                "labels line 2: expected key=\"value\" (Kubernetes Downward API labels); got \"\(line)\"")
        ) {
            try AgentConfiguration.parseLabelsFile("ok=\"1\"\n\(line)\n", source: "labels")
        }
    }

    @Test func labelsFileIsMergedUnderExplicitLabels() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pharos-labels-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("labels").path
        try Data("app=\"nginx\"\ntier=\"web\"\n".utf8).write(to: URL(fileURLWithPath: path))
        let configuration = try AgentConfiguration.load(
            arguments: [],
            environment: ["PHAROS_LABELS_FILE": path, "SENSU_LABELS": #"{"tier": "frontend", "zone": "a"}"#],
            hostname: "h")
        #expect(configuration.labelsFile == path)
        #expect(configuration.labels == ["app": "nginx", "tier": "frontend", "zone": "a"])
        #expect(throws: ConfigurationError("--labels-file /nonexistent/labels cannot be read")) {
            try AgentConfiguration.load(
                arguments: ["--labels-file", "/nonexistent/labels"], environment: [:],
                hostname: "h")
        }
    }
}
