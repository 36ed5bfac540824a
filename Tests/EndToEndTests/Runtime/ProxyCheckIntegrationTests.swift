import Foundation
import Testing

/// Proxy checks with the real backend and a real agent: `proxy_requests.entity_attributes` over stored entities,
/// splay over `splay_coverage`, results attributed to the proxy entities.
@Suite(.serialized) struct ProxyCheckIntegrationTests {
    @Test(.enabled(if: RuntimeCluster.canRun), .timeLimit(.minutes(3)))
    func proxyCheckRunsOncePerMatchingEntityWithSplay() async throws {
        let cluster = try RuntimeCluster()
        try await cluster.startBackend()
        try cluster.startAgent("poller", subscriptions: ["proxy-runner"])
        #expect(try await cluster.waitForAgents(["poller"]), "\(cluster.backendLog())")
        let sites = (1...5).map { "site-\($0)" }
        for (index, name) in (sites + ["db-1"]).enumerated() {
            try await cluster.put(
                "entities",
                [
                    "metadata": [
                        "name": name, "namespace": "default",
                        "labels": ["proxy_type": name.hasPrefix("site") ? "website" : "database", "url": "u\(index)"],
                    ],
                    "entity_class": "proxy",
                ])
        }
        let file = cluster.path("proxy.log")
        try await cluster.put(
            "checks",
            [
                "metadata": ["name": "check-site", "namespace": "default"],
                "command": "echo {{ .name }} {{ .labels.url }} $(date +%s.%N) >> \(file)",
                "interval": 10, "publish": true, "subscriptions": ["proxy-runner"],
                "proxy_requests": [
                    "entity_attributes": ["entity.entity_class == 'proxy'", "entity.labels.proxy_type == 'website'"],
                    "splay": true, "splay_coverage": 60,
                ],
            ])
        // 10 s × 60 % / 5 entities = 1.2 s between two requests.
        #expect(try await cluster.eventually(seconds: 50) { cluster.lines("proxy.log").count >= 5 })
        try await cluster.request("DELETE", "/api/core/v2/namespaces/default/checks/check-site")
        let lines = cluster.lines("proxy.log").prefix(5).map { $0.split(separator: " ").map(String.init) }
        #expect(lines.map { $0[0] } == sites, "\(lines)")
        #expect(lines.map { $0[1] } == ["u0", "u1", "u2", "u3", "u4"])
        let times = lines.compactMap { Double($0[2]) }
        #expect(times.count == 5)
        if let first = times.first, let last = times.last {
            #expect(last - first >= 4.0, "splay spreads the five requests over ≥ 4.8 s: \(times)")
        }
        // Each result is attributed to its proxy entity.
        for site in sites {
            let stored = try await cluster.eventually(seconds: 10) {
                try await cluster.event(site, "check-site") != nil
            }
            #expect(stored, "no event for \(site)")
            let event = try await cluster.event(site, "check-site")
            #expect(event?.value("entity", "metadata", "name") as? String == site)
            #expect(event?.value("check", "proxy_entity_name") as? String == site)
        }
        #expect(try await cluster.event("db-1", "check-site") == nil)
        #expect(try await cluster.event("poller", "check-site") == nil)
    }
}
