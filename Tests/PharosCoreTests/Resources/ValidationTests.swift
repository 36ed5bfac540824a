import Foundation
import PharosCore
import Testing

@Suite struct ValidationTests {
    static let sha = String(repeating: "ab", count: 64)
    static let meta = ObjectMeta(name: "x", namespace: "default")

    @Test(arguments: [
        (NameRule.resource, "check-cpu.v2:x", true), (.resource, "with space", false), (.resource, "", false),
        (.resource, "é", false), (.user, "alice_01.x-y", true), (.user, "Alice", false),
        (.asset, "sensu/check-disk", true), (.subscription, "entity:web01", true), (.subscription, "a:b:c", false),
        (.subscription, ":a", false), (.subscription, "linux", true),
    ])
    func nameRules(_ rule: NameRule, name: String, matches: Bool) {
        #expect(rule.matches(name) == matches)
    }

    @Test(
        arguments: [
            (CheckConfig(metadata: meta, command: "c", interval: 10, publish: true), nil),
            (
                CheckConfig(metadata: meta, command: "c", publish: true),
                "interval: must be greater than 0 unless cron is set"
            ),
            (CheckConfig(metadata: meta, command: "c", publish: true, cron: "* * * * *"), nil),
            (
                CheckConfig(metadata: meta, interval: 10, cron: "@hourly"),
                "cron: must only specify either an interval or a cron schedule"
            ),
            (CheckConfig(metadata: meta, interval: 60, ttl: 30), "ttl: must be greater than the interval (60 s)"),
            (
                CheckConfig(metadata: meta, highFlapThreshold: 20, interval: 10, lowFlapThreshold: 20),
                "low_flap_threshold: must be lower than high_flap_threshold (20)"
            ),
            (
                CheckConfig(metadata: meta, interval: 10, outputMetricFormat: "json"),
                #"output_metric_format: "json" is not one of graphite_plaintext, influxdb_line, nagios_perfdata, opentsdb_line, prometheus_text"#
            ),
            (
                CheckConfig(metadata: meta, interval: 10, envVars: ["A=1", "B"]),
                #"env_vars[1]: "B" is not of the form KEY=VALUE"#
            ),
            (
                CheckConfig(metadata: meta, interval: 10, proxyRequests: ProxyRequests(splayCoverage: 101)),
                "proxy_requests.splay_coverage: must be between 0 and 100"
            ),
            (
                CheckConfig(metadata: meta, interval: 10, checkHooks: [HookList(type: "256", hooks: ["h"])]),
                #"check_hooks[0]: "256" is not a hook type (0-255, ok, warning, critical, unknown, non-zero)"#
            ),
            (
                CheckConfig(metadata: ObjectMeta(name: "bad name"), interval: 10),
                #"metadata.name: "bad name" does not match \A[\w\.\-\:]+\z"#
            ),
        ] as [(CheckConfig, String?)])
    func checkConfigRules(_ check: CheckConfig, expected: String?) {
        #expect(Self.failure { () throws(ValidationError) in try check.validate() } == expected)
    }

    @Test(
        arguments: [
            (
                AnyResource.handler(Handler(metadata: meta, type: "pipe")),
                "command: must not be empty for a pipe handler"
            ),
            (
                .handler(Handler(metadata: meta, type: "tcp", socket: HandlerSocket(host: "h", port: 0))),
                "socket.port: must be between 1 and 65535"
            ),
            (.handler(Handler(metadata: meta, type: "udp")), "socket: must be set for a udp handler"),
            (
                .handler(Handler(metadata: meta, type: "set")),
                "handlers: must list at least one handler for a set handler"
            ),
            (.handler(Handler(metadata: meta, type: "grpc")), #"type: "grpc" is not one of pipe, tcp, udp, set"#),
            (.hookConfig(HookConfig(metadata: meta, command: "ps")), "timeout: must be greater than 0"),
            (
                .eventFilter(EventFilter(metadata: meta, action: "allow")),
                "expressions: must contain at least one expression"
            ),
            (
                .eventFilter(EventFilter(metadata: meta, action: "maybe", expressions: ["true"])),
                #"action: must be allow or deny, found "maybe""#
            ),
            (
                .eventFilter(
                    EventFilter(
                        metadata: meta, action: "deny", expressions: ["true"],
                        when: TimeWindowWhen(
                            days: TimeWindowDays(all: [TimeWindowTimeRange(begin: "15:00", end: "8:00AM")])))),
                #"when.days.all[0].begin: "15:00" is not a time like 3:00PM"#
            ),
            (
                .mutator(Mutator(metadata: meta, type: "javascript", eval: "x")),
                "type: javascript mutators are not supported by Pharos; use a pipe mutator"
            ),
            (.mutator(Mutator(metadata: meta)), "command: must not be empty for a pipe mutator"),
            (
                .silenced(Silenced(subscription: "*", check: "*")),
                "subscription: subscription and check must not both be *"
            ),
            (.silenced(Silenced()), "subscription: a subscription or a check must be provided"),
            (
                .silenced(Silenced(metadata: ObjectMeta(name: "x"), subscription: "linux")),
                #"metadata.name: must be "linux:*" (subscription:check), found "x""#
            ),
            (
                .asset(Asset(metadata: meta, url: "https://x/a.tgz", sha512: "abc")),
                "sha512: must be at least 128 hexadecimal characters (a SHA-512 digest)"
            ),
            (.asset(Asset(metadata: meta, sha512: sha)), "url: must not be empty"),
            (
                .asset(Asset(metadata: meta, builds: [AssetBuild(url: "ftp://x", sha512: sha)])),
                #"builds[0].url: "ftp://x" is not an http, https or file URL"#
            ),
            (.asset(Asset(metadata: meta, url: "https://x/a.tgz", sha512: sha)), nil),
            // Issue 18 item 7: accepted before, and did nothing.
            (
                .entity(Entity(metadata: meta, entityClass: "proxy", deregister: true)),
                "deregister: applies to agent entities only; a proxy entity is never de-registered (delete it instead)"
            ),
            (.entity(Entity(metadata: meta, entityClass: "agent", deregister: true)), nil),
            (.entity(Entity(metadata: meta, entityClass: "proxy")), nil),
            (.event(Event(metadata: ObjectMeta(namespace: "default"))), "entity: must be set"),
            (
                .event(Event(entity: Entity(metadata: meta, entityClass: "agent"))),
                "check: an event must contain a check or metrics"
            ),
            (
                .event(Event(entity: Entity(metadata: meta, entityClass: "agent"), metrics: Metrics(), metadata: meta)),
                "metadata.name: an event must not have a name"
            ),
            (
                .event(Event(entity: Entity(metadata: meta), metrics: Metrics())),
                "entity.entity_class: must not be empty"
            ),
            (
                .event(Event(entity: Entity(metadata: meta, entityClass: "agent"), metrics: Metrics(), id: "nope")),
                #"id: "nope" is not a UUID"#
            ),
            (
                .pipeline(Pipeline(metadata: meta, workflows: [PipelineWorkflow(name: "w")])),
                "workflows[0].handler: must be set"
            ),
            (
                .pipeline(
                    Pipeline(
                        metadata: meta,
                        workflows: [PipelineWorkflow(name: "w", handler: ResourceReference(name: "h", type: "Mutator"))]
                    )),
                #"workflows[0].handler.type: must be Handler, found "Mutator""#
            ),
            (
                .role(Role(metadata: meta, rules: [RoleRule(verbs: ["watch"], resources: ["checks"])])),
                #"rules[0].verbs[0]: "watch" is not one of get, list, create, update, delete, *"#
            ),
            (
                .clusterRoleBinding(
                    ClusterRoleBinding(
                        metadata: ObjectMeta(name: "b"), subjects: [RoleSubject(type: "User", name: "a")],
                        roleRef: RoleRef(type: "Role", name: "r"))),
                #"role_ref.type: must be ClusterRole, found "Role""#
            ),
            (.user(User(username: "bob", password: "short")), "password: must be at least 8 characters"),
            (.namespace(Namespace(name: "")), "name: must not be empty"),
        ] as [(AnyResource, String?)])
    func resourceRules(_ resource: AnyResource, expected: String?) {
        #expect(Self.failure { () throws(ValidationError) in try resource.validate() } == expected)
    }

    static func failure(_ body: () throws(ValidationError) -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return error.description
        }
    }
}
