import Logging
import PharosAgent
import Testing

@Suite struct AgentConfigurationTests {
    /// The sidecar's command line and env in the seed's nginx-deployment-with-sensu-sidecar.yaml.
    @Test func seedSidecarFlagsAndEnvironment() throws {
        let flags: [String: [String]] = [
            "log-level": ["debug"], "insecure-skip-tls-verify": ["true"], "keepalive-interval": ["5"],
            "keepalive-timeout": ["10"],
        ]
        let environment = [
            "SENSU_BACKEND_URL":
                "wss://sensu-backend-0.sensu.sensu-system.svc.cluster.local:8081 "
                + "wss://sensu-backend-1.sensu.sensu-system.svc.cluster.local:8081 "
                + "wss://sensu-backend-2.sensu.sensu-system.svc.cluster.local:8081",
            "SENSU_NAMESPACE": "webinar",
            "SENSU_SUBSCRIPTIONS": "linux kubernetes nginx",
            "SENSU_DEREGISTER": "true",
            "SENSU_STATSD_EVENT_HANDLERS": "statsd",
        ]
        let configuration = try AgentConfiguration.resolve(flags: flags, environment: environment, hostname: "pod-1")
        #expect(
            configuration.backendURLs == [
                "wss://sensu-backend-0.sensu.sensu-system.svc.cluster.local:8081",
                "wss://sensu-backend-1.sensu.sensu-system.svc.cluster.local:8081",
                "wss://sensu-backend-2.sensu.sensu-system.svc.cluster.local:8081",
            ])
        #expect(configuration.namespace == "webinar")
        #expect(configuration.subscriptions == ["linux", "kubernetes", "nginx"])
        #expect(configuration.deregister)
        #expect(configuration.statsdEventHandlers == ["statsd"])
        #expect(configuration.logLevel == .debug)
        #expect(configuration.insecureSkipTLSVerify)
        #expect(configuration.keepaliveInterval == .seconds(5))
        #expect(configuration.keepaliveTimeout == .seconds(10))
        #expect(configuration.name == "pod-1")
        #expect(configuration.user == "agent")
        #expect(configuration.password == "P@ssw0rd!")
    }

    @Test func defaults() throws {
        let configuration = try AgentConfiguration.resolve(flags: [:], environment: [:], hostname: "host-a")
        #expect(configuration.backendURLs == ["ws://127.0.0.1:8081"])
        #expect(configuration.namespace == "default")
        #expect(configuration.subscriptions == [])
        #expect(configuration.name == "host-a")
        #expect(!configuration.deregister)
        #expect(configuration.keepaliveInterval == .seconds(20))
        #expect(configuration.keepaliveTimeout == .seconds(120))
        #expect(configuration.logLevel == .info)
        #expect(configuration.cacheDirectory == "/var/cache/pharos/agent")
        #expect(configuration.labels == [:])
    }

    @Test(arguments: [
        // (flag values, PHAROS_NAMESPACE, SENSU_NAMESPACE, expected)
        (["flag-ns"], "pharos-ns", "sensu-ns", "flag-ns"),
        ([], "pharos-ns", "sensu-ns", "pharos-ns"),
        ([], "", "sensu-ns", "sensu-ns"),
        ([], "", "", "default"),
    ])
    func precedence(flag: [String], pharos: String, sensu: String, expected: String) throws {
        let configuration = try AgentConfiguration.resolve(
            flags: ["namespace": flag], environment: ["PHAROS_NAMESPACE": pharos, "SENSU_NAMESPACE": sensu],
            hostname: "h")
        #expect(configuration.namespace == expected)
    }

    @Test(arguments: [
        (["ws://a"], ["ws://a:8081"]),
        (["ws://a:9000,wss://b"], ["ws://a:9000", "wss://b:8081"]),
        (["ws://a", "ws://b ws://c/"], ["ws://a:8081", "ws://b:8081", "ws://c:8081/"]),
        (["ws://[::1]"], ["ws://[::1]:8081"]),
        (["wss://[::1]:443/agent"], ["wss://[::1]:443/agent"]),
    ])
    func backendURLs(values: [String], expected: [String]) throws {
        let configuration = try AgentConfiguration.resolve(
            flags: ["backend-url": values], environment: [:], hostname: "h")
        #expect(configuration.backendURLs == expected)
    }

    @Test func labelsSubscriptionsAndAliases() throws {
        let configuration = try AgentConfiguration.resolve(
            flags: ["labels": ["region=eu,tier=web", "team=ops"], "subscriptions": ["a,b", "b c"]],
            environment: ["PHAROS_KEEPALIVE_WARNING_TIMEOUT": "60", "SENSU_LOG_LEVEL": "warn"], hostname: "h")
        #expect(configuration.labels == ["region": "eu", "tier": "web", "team": "ops"])
        #expect(configuration.subscriptions == ["a", "b", "c"])
        #expect(configuration.keepaliveTimeout == .seconds(60))
        #expect(configuration.logLevel == .warning)
    }

    @Test(
        arguments: [
            (
                ["backend-url": ["http://backend:8081"]], [:],
                "--backend-url must use the ws or wss scheme; got \"http://backend:8081\""
            ),
            (
                [:], ["SENSU_BACKEND_URL": "https://x"],
                "SENSU_BACKEND_URL (--backend-url) must use the ws or wss scheme; got \"https://x\""
            ),
            (["backend-url": ["ws://x:http"]], [:], "--backend-url has an invalid port; got \"ws://x:http\""),
            (["backend-url": ["ws://:8081"]], [:], "--backend-url has no host; got \"ws://:8081\""),
            (
                ["keepalive-interval": ["five"]], [:],
                "--keepalive-interval must be a whole number of seconds greater than 0; got \"five\""
            ),
            (
                ["keepalive-interval": ["130"]], [:],
                "keepalive-timeout (120 s) must be greater than keepalive-interval (130 s)"
            ),
            (
                ["keepalive-interval": ["20"], "keepalive-timeout": ["20"]], [:],
                "keepalive-timeout (20 s) must be greater than keepalive-interval (20 s)"
            ),
            (["keepalive-timeout": ["3"]], [:], "--keepalive-warning-timeout must be at least 5 seconds; got 3"),
            (
                ["log-level": ["verbose"]], [:],
                "--log-level must be one of panic, fatal, error, warn, info, debug; got \"verbose\""
            ),
            ([:], ["SENSU_DEREGISTER": "yes"], "SENSU_DEREGISTER (--deregister) must be true or false; got \"yes\""),
            (["labels": ["novalue"]], [:], "--labels entries must be key=value; got \"novalue\""),
        ] as [([String: [String]], [String: String], String)])
    func invalidValues(flags: [String: [String]], environment: [String: String], message: String) {
        #expect(throws: ConfigurationError(message)) {
            try AgentConfiguration.resolve(flags: flags, environment: environment, hostname: "h")
        }
    }
}

@Suite struct AgentConfigurationDescriptionTests {
    @Test func descriptionsNeverShowThePassword() {
        let configuration = AgentConfiguration(name: "pod-1", password: "s3cret-value")
        #expect(!"\(configuration)".contains("s3cret-value"))
        #expect(!String(reflecting: configuration).contains("s3cret-value"))
        #expect("\(configuration)".contains("password: REDACTED"))
    }

    /// Field failure #18 item 17: the agent's debug log (the service group logs the connection, which shows its
    /// configuration) printed redacted labels in clear.
    @Test func descriptionsRedactLabelsAndAnnotations() {
        var configuration = AgentConfiguration(name: "pod-1")
        configuration.labels = ["api_key": "k-9f8e7d", "site": "lyon"]
        configuration.annotations = ["Secret": "a-1b2c3d"]
        let text = "\(configuration)"
        #expect(!text.contains("k-9f8e7d") && !text.contains("a-1b2c3d"), "\(text)")
        #expect(text.contains(#"labels: [("api_key", "REDACTED"), ("site", "lyon")]"#), "\(text)")
        #expect(text.contains(#"annotations: [("Secret", "REDACTED")]"#), "\(text)")
        configuration.redact = ["site"]
        #expect("\(configuration)".contains(#"labels: [("api_key", "k-9f8e7d"), ("site", "REDACTED")]"#))
    }
}
