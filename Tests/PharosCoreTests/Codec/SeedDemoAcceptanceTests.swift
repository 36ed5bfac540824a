import Foundation
import PharosCore
import Testing

/// Every Sensu resource file of the seed demo (and its sensu-kube-demo companion) decodes, validates and
/// re-encodes to an equivalent document.
@Suite struct SeedDemoAcceptanceTests {
    static let files: [(path: String, types: [ResourceType])] = [
        ("seed-demo/sensu/checks/check-nginx.yaml", [.asset, .asset, .asset, .checkConfig]),
        ("seed-demo/sensu/handlers/influxdb.yaml", [.asset, .asset, .mutator, .handler]),
        ("seed-demo/companions/sensu+sensu-kube-demo/go/config/assets/check-plugins.yaml", [.asset]),
        ("seed-demo/companions/sensu+sensu-kube-demo/go/config/assets/email-handler.yaml", [.asset]),
        ("seed-demo/companions/sensu+sensu-kube-demo/go/config/assets/influxdb-handler.yaml", [.asset]),
        ("seed-demo/companions/sensu+sensu-kube-demo/go/config/assets/pagerduty-handler.yaml", [.asset]),
        ("seed-demo/companions/sensu+sensu-kube-demo/go/config/assets/prometheus-collector.yaml", [.asset]),
        ("seed-demo/companions/sensu+sensu-kube-demo/go/config/assets/slack-handler.yaml", [.asset]),
        ("seed-demo/companions/sensu+sensu-kube-demo/go/config/checks/cadvisor-metrics.yaml", [.checkConfig]),
        ("seed-demo/companions/sensu+sensu-kube-demo/go/config/checks/check-http-proxy.yaml", [.checkConfig]),
        ("seed-demo/companions/sensu+sensu-kube-demo/go/config/checks/check-http.yaml", [.checkConfig]),
        ("seed-demo/companions/sensu+sensu-kube-demo/go/config/checks/dummy-app-healthz.yaml", [.checkConfig]),
        ("seed-demo/companions/sensu+sensu-kube-demo/go/config/checks/dummy-app-prometheus.yaml", [.checkConfig]),
        ("seed-demo/companions/sensu+sensu-kube-demo/go/config/checks/kube-state-prometheus.yaml", [.checkConfig]),
        ("seed-demo/companions/sensu+sensu-kube-demo/go/config/checks/kubelet-metrics.yaml", [.checkConfig]),
        ("seed-demo/companions/sensu+sensu-kube-demo/go/config/checks/node-prometheus.yaml", [.checkConfig]),
        (
            "seed-demo/companions/sensu+sensu-kube-demo/go/config/entities/proxy_entities.yaml",
            [.entity, .entity, .entity]
        ),
        ("seed-demo/companions/sensu+sensu-kube-demo/go/config/filters/filter_interval_60_hourly.yml", [.eventFilter]),
        ("seed-demo/companions/sensu+sensu-kube-demo/go/config/handlers/email.yaml", [.handler]),
        ("seed-demo/companions/sensu+sensu-kube-demo/go/config/handlers/influxdb.yaml", [.handler]),
        ("seed-demo/companions/sensu+sensu-kube-demo/go/config/handlers/pagerduty.yaml", [.handler]),
        ("seed-demo/companions/sensu+sensu-kube-demo/go/config/handlers/slack.yaml", [.handler]),
    ]

    @Test func everyResourceFileIsListed() throws {
        let root = try TestJSON.fixtureURL("seed-demo")
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var found: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            guard ["yaml", "yml"].contains(url.pathExtension) else { continue }
            let relative = "seed-demo" + url.path.dropFirst(root.path.count)
            // Sensu resources live under sensu/ and the companions' config/ folders; the rest is Kubernetes YAML.
            guard relative.hasPrefix("seed-demo/sensu/") || relative.contains("/config/") else { continue }
            found.append(relative)
        }
        #expect(found.sorted() == Self.files.map(\.path).sorted())
    }

    @Test(arguments: files.map(\.path))
    func decodesValidatesAndRoundTrips(_ path: String) throws {
        let expectedTypes = try #require(Self.files.first { $0.path == path }?.types)
        let text = try TestJSON.fixture(path)
        let codec = ResourceCodec()
        let decoded = try codec.decode(text)
        #expect(decoded.resources.map(\.resourceType) == expectedTypes)
        #expect(decoded.warnings.isEmpty, "warnings: \(decoded.warnings.map(\.description))")
        for resource in decoded.resources { try resource.validate() }

        let yaml = try ResourceCodec.encodeYAML(decoded.resources)
        #expect(try codec.decode(yaml).resources == decoded.resources)
        let json = try ResourceCodec.encodeJSON(decoded.resources)
        #expect(try codec.decode(json).resources == decoded.resources)

        let inputTrees = try ResourceCodec.documents(in: text)
        let encodedTrees = try decoded.resources.map(ResourceCodec.wrappedDocument)
        #expect(inputTrees.map(Self.withoutDefaults) == encodedTrees.map(Self.withoutDefaults))
    }

    @Test func checkNginxMatchesTheSeed() throws {
        let decoded = try ResourceCodec().decode(try TestJSON.fixture("seed-demo/sensu/checks/check-nginx.yaml"))
        guard case .checkConfig(let check)? = decoded.resources.last else {
            Issue.record("last document is not a check")
            return
        }
        #expect(check.metadata.name == "check-nginx")
        #expect(check.command == "check_http -H 127.0.0.1 -N")
        #expect(check.publish && check.interval == 10 && check.timeout == 10)
        #expect(check.subscriptions == ["nginx"])
        #expect(check.outputMetricFormat == "nagios_perfdata")
        #expect(check.outputMetricHandlers == ["influxdb"])
        #expect(check.runtimeAssets.count == 3)
    }

    @Test func proxyRequestsOfTheKubeDemoDecode() throws {
        let text = try TestJSON.fixture(
            "seed-demo/companions/sensu+sensu-kube-demo/go/config/checks/check-http-proxy.yaml")
        guard case .checkConfig(let check)? = try ResourceCodec().decode(text).resources.first else {
            Issue.record("not a check")
            return
        }
        #expect(
            check.proxyRequests
                == ProxyRequests(
                    entityAttributes: ["entity.entity_class == 'proxy'", "entity.labels.proxy_type == 'website'"],
                    splay: true, splayCoverage: 90))
        #expect(check.metadata.namespace == "demo")
    }

    /// The tree with every Go zero value (null, "", 0, false, empty list or map) removed, recursively, and the
    /// default `api_version` filled in, so documents compare "modulo defaults".
    static func withoutDefaults(_ value: JSONValue) -> JSONValue {
        func strip(_ value: JSONValue) -> JSONValue? {
            switch value {
            case .null: return nil
            case .bool(let flag): return flag ? value : nil
            case .number(let number): return number == 0 ? nil : value
            case .string(let text): return text.isEmpty ? nil : value
            case .array(let items):
                let kept = items.map { strip($0) ?? .null }
                return kept.isEmpty ? nil : .array(kept)
            case .object(let members):
                let kept = members.compactMapValues(strip)
                return kept.isEmpty ? nil : .object(kept)
            }
        }
        guard case .object(var members) = value else { return value }
        if members["api_version"] == nil { members["api_version"] = .string("core/v2") }
        return strip(.object(members)) ?? .null
    }
}
