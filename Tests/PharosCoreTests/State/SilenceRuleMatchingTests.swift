import PharosCore
import Testing

@Suite struct SilenceRuleMatchingTests {
    /// One silencing case: the rule's subscription and check, the event, and whether the rule matches.
    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var subscription: String
        var check: String
        var checkName = "check-cpu"
        var checkSubscriptions = ["linux", "windows"]
        var entityName = "web01"
        var entitySubscriptions = ["linux", "entity:web01"]
        var entityIsProxy = false
        var matches: Bool

        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "shared subscription, any check", subscription: "linux", check: "", matches: true),
        Case(label: "shared subscription, * check", subscription: "linux", check: "*", matches: true),
        Case(label: "shared subscription, same check", subscription: "linux", check: "check-cpu", matches: true),
        Case(label: "shared subscription, other check", subscription: "linux", check: "check-mem", matches: false),
        Case(label: "agent: subscription only on the check", subscription: "windows", check: "", matches: false),
        Case(label: "subscription on neither", subscription: "mac", check: "*", matches: false),
        Case(label: "* subscription, same check", subscription: "*", check: "check-cpu", matches: true),
        Case(label: "empty subscription, same check", subscription: "", check: "check-cpu", matches: true),
        Case(label: "empty subscription, other check", subscription: "", check: "check-mem", matches: false),
        Case(label: "* subscription, any check", subscription: "*", check: "", matches: true),
        Case(label: "entity subscription, any check", subscription: "entity:web01", check: "", matches: true),
        Case(label: "entity subscription, same check", subscription: "entity:web01", check: "check-cpu", matches: true),
        Case(
            label: "entity subscription, other check", subscription: "entity:web01", check: "check-mem",
            matches: false),
        Case(label: "other entity's subscription", subscription: "entity:web02", check: "", matches: false),
        Case(
            label: "entity subscription applies even when not listed on the entity", subscription: "entity:web01",
            check: "*", entitySubscriptions: ["linux"], matches: true),
        Case(
            // Issue 18 item 8 (sensu/sensu-go#3765): "everything on these hosts".
            label: "agent: subscription only on the entity", subscription: "db", check: "",
            entitySubscriptions: ["db", "entity:web01"], matches: true),
        Case(
            label: "agent: subscription only on the entity, same check", subscription: "site-a",
            check: "check-cpu", entitySubscriptions: ["site-a", "linux"], matches: true),
        Case(
            label: "agent: subscription only on the entity, other check", subscription: "site-a",
            check: "check-mem", entitySubscriptions: ["site-a", "linux"], matches: false),
        Case(
            label: "agent: check subscription missing from entity", subscription: "linux", check: "",
            entitySubscriptions: ["windows", "entity:web01"], matches: false),
        Case(
            label: "proxy: any entity subscription", subscription: "db", check: "",
            checkSubscriptions: ["proxy-runner"], entityName: "db01", entitySubscriptions: ["db", "entity:db01"],
            entityIsProxy: true, matches: true),
        Case(
            // Issue 18 item 9: proxy events match silences on the check's subscriptions.
            label: "proxy: subscription only on the check", subscription: "proxy-runner", check: "",
            checkSubscriptions: ["proxy-runner"], entityName: "db01", entitySubscriptions: ["db", "entity:db01"],
            entityIsProxy: true, matches: true),
        Case(
            label: "proxy: new entity without subscriptions, check's subscription", subscription: "db-role",
            check: "*", checkSubscriptions: ["db-role"], entityName: "db07", entitySubscriptions: ["entity:db07"],
            entityIsProxy: true, matches: true),
        Case(
            label: "proxy: check's subscription, other check", subscription: "db-role", check: "check-disk",
            checkSubscriptions: ["db-role"], entityName: "db07", entitySubscriptions: [], entityIsProxy: true,
            matches: false),
        Case(
            label: "proxy: entity subscription with check", subscription: "entity:db01", check: "check-cpu",
            checkSubscriptions: ["proxy-runner"], entityName: "db01", entitySubscriptions: ["db"],
            entityIsProxy: true, matches: true),
        Case(
            label: "proxy: other check", subscription: "db", check: "check-disk",
            checkSubscriptions: ["proxy-runner"], entityName: "db01", entitySubscriptions: ["db"],
            entityIsProxy: true, matches: false),
        Case(
            label: "subscription comparison is exact", subscription: "Linux", check: "", matches: false),
    ]

    @Test(arguments: cases)
    func matchRules(_ testCase: Case) {
        let rule = SilenceRule(subscription: testCase.subscription, check: testCase.check)
        let matches = rule.matches(
            checkName: testCase.checkName, checkSubscriptions: testCase.checkSubscriptions,
            entityName: testCase.entityName, entitySubscriptions: testCase.entitySubscriptions,
            entityIsProxy: testCase.entityIsProxy)
        #expect(matches == testCase.matches)
    }

    @Test(arguments: [
        ("linux", "check-cpu", "linux:check-cpu"),
        ("entity:web01", "", "entity:web01:*"),
        ("", "check-cpu", "*:check-cpu"),
        ("*", "check-cpu", "*:check-cpu"),
        ("linux", "*", "linux:*"),
    ])
    func derivedName(subscription: String, check: String, name: String) {
        #expect(SilenceRule(subscription: subscription, check: check).name == name)
    }

    // begin 1000, expire_at 2000: active on [1000, 2000).
    @Test(
        arguments: [
            (1_000, 2_000, 999, false),
            (1_000, 2_000, 1_000, true),
            (1_000, 2_000, 1_999, true),
            (1_000, 2_000, 2_000, false),
            (1_000, 2_000, 5_000, false),
            (1_000, 0, 999, false),
            (1_000, 0, 1_000, true),
            (1_000, 0, Int64.max, true),
        ] as [(Int64, Int64, Int64, Bool)])
    func activeWindow(begin: Int64, expireAt: Int64, now: Int64, active: Bool) {
        #expect(SilenceRule(subscription: "linux", begin: begin, expireAt: expireAt).isActive(at: now) == active)
    }

    @Test func silencedByListsActiveMatchingNamesSortedOnce() {
        let now: Int64 = 1_700_000_000
        let rules = [
            SilenceRule(subscription: "linux", begin: now - 60, expireAt: now + 60),
            SilenceRule(check: "check-cpu", begin: now - 3_600),
            SilenceRule(subscription: "entity:web01", check: "*", begin: now),
            SilenceRule(subscription: "linux", begin: now - 10),
            SilenceRule(subscription: "mac", begin: now - 10),
            SilenceRule(subscription: "linux", check: "check-cpu", begin: now + 1),
            SilenceRule(subscription: "windows", check: "check-cpu", begin: now - 10),
            SilenceRule(check: "check-cpu", begin: now - 7_200, expireAt: now),
        ]
        let names = SilenceRule.silencedBy(
            rules, checkName: "check-cpu", checkSubscriptions: ["linux", "windows"], entityName: "web01",
            entitySubscriptions: ["linux", "entity:web01"], entityIsProxy: false, at: now)
        #expect(names == ["*:check-cpu", "entity:web01:*", "linux:*"])
    }

    @Test func silencedByIsEmptyWhenNothingApplies() {
        let names = SilenceRule.silencedBy(
            [SilenceRule(subscription: "linux", begin: 10, expireAt: 20)], checkName: "check-cpu",
            checkSubscriptions: ["linux"], entityName: "web01", entitySubscriptions: ["linux"], entityIsProxy: false,
            at: 20)
        #expect(names.isEmpty)
    }

    @Test func resolutionExpiresOnlyFlaggedSilencesOfTheEvent() {
        let rules = [
            SilenceRule(subscription: "linux", expireOnResolve: true),
            SilenceRule(check: "check-cpu", expireOnResolve: false),
            SilenceRule(subscription: "entity:web01", expireOnResolve: true),
            SilenceRule(subscription: "mac", expireOnResolve: true),
        ]
        let expired = SilenceRule.expiringOnResolution(
            rules, silencedNames: ["linux:*", "*:check-cpu", "entity:web01:*"])
        #expect(expired == ["entity:web01:*", "linux:*"])
    }
}
