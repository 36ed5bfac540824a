import PharosBackend
import PharosCore
import Testing

@Suite struct ProxyRequestPlannerTests {
    static func entity(_ name: String, type: String, entityClass: String = "proxy") -> Entity {
        Entity(
            metadata: ObjectMeta(
                name: name, namespace: "default", labels: ["proxy_type": type, "url": "https://\(name)"]),
            entityClass: entityClass)
    }

    static func check(_ attributes: [String], splay: Bool = false, coverage: UInt32 = 0) -> CheckConfig {
        var check = CheckConfig(
            metadata: ObjectMeta(name: "check-http", namespace: "default"), command: "check_http -u {{ .labels.url }}",
            interval: 60, subscriptions: ["poller"])
        check.proxyRequests = ProxyRequests(entityAttributes: attributes, splay: splay, splayCoverage: coverage)
        return check
    }

    @Test func matchingEntitiesGetSubstitutedChecksInNameOrder() {
        let entities = [
            Self.entity("site-b", type: "website"), Self.entity("db-1", type: "database"),
            Self.entity("site-a", type: "website"), Self.entity("agent-1", type: "website", entityClass: "agent"),
        ]
        let plan = ProxyRequestPlanner.plan(
            Self.check(["entity.entity_class == 'proxy'", "entity.labels.proxy_type == 'website'"]),
            entities: entities)
        #expect(plan.targets.map(\.entityName) == ["site-a", "site-b"])
        #expect(plan.targets.map(\.check.command) == ["check_http -u https://site-a", "check_http -u https://site-b"])
        #expect(plan.targets.map(\.check.proxyEntityName) == ["site-a", "site-b"])
        #expect(plan.targets.allSatisfy { $0.check.metadata.name == "check-http" })
        #expect(plan.expressionErrors.isEmpty)
    }

    @Test func emptyAttributesMatchNothingAndBadExpressionsAreReported() {
        let entities = [Self.entity("site-a", type: "website")]
        #expect(ProxyRequestPlanner.plan(Self.check([]), entities: entities).targets.isEmpty)
        let broken = ProxyRequestPlanner.plan(Self.check(["entity.labels.proxy_type == "]), entities: entities)
        #expect(broken.targets.isEmpty)
        #expect(broken.expressionErrors.count == 1)
    }

    @Test(arguments: [(true, 50 as UInt32, 5, 6000), (false, 50, 5, 0), (true, 100, 1, 0), (true, 90, 3, 18000)])
    func splayDelay(splay: Bool, coverage: UInt32, count: Int, milliseconds: Int64) {
        let delay = ProxyRequestPlanner.splayDelay(
            Self.check(["true"], splay: splay, coverage: coverage), count: count, untilNextFire: nil)
        #expect(delay == .milliseconds(milliseconds))
    }
}
