import Foundation
import Logging
import PharosAgent
import Testing

/// Every `SENSU_*` variable of reference §4.2 and of the seed's sidecar manifest mapped to its setting, the
/// configuration file, and the real binary's `--help` and start-up errors.
@Suite struct AgentSettingsTests {
    /// (variable, value, the setting rendered as text, expected text).
    static let environmentTable: [(String, String, @Sendable (AgentConfiguration) -> String, String)] = [
        ("SENSU_NAME", "pod-7", { $0.name }, "pod-7"),
        ("SENSU_ID", "pod-8", { $0.name }, "pod-8"),
        ("SENSU_NAMESPACE", "webinar", { $0.namespace }, "webinar"),
        (
            "SENSU_BACKEND_URL", "wss://b-0:8081 wss://b-1:8081", { $0.backendURLs.joined(separator: " ") },
            "wss://b-0:8081 wss://b-1:8081"
        ),
        ("SENSU_USER", "agent-7", { $0.user }, "agent-7"),
        ("SENSU_PASSWORD", "pw", { $0.password }, "pw"),
        (
            "SENSU_SUBSCRIPTIONS", "linux kubernetes nginx", { $0.subscriptions.joined(separator: ",") },
            "linux,kubernetes,nginx"
        ),
        (
            "SENSU_LABELS", "a=1,b=2",
            { $0.labels.sorted { $0.key < $1.key }.map { "\($0)=\($1)" }.joined(separator: ",") }, "a=1,b=2"
        ),
        ("SENSU_ANNOTATIONS", "note=x", { $0.annotations["note"] ?? "" }, "x"),
        ("SENSU_DEREGISTER", "true", { "\($0.deregister)" }, "true"),
        ("SENSU_DEREGISTRATION_HANDLER", "dereg", { $0.deregistrationHandler }, "dereg"),
        ("SENSU_KEEPALIVE_INTERVAL", "5", { "\($0.keepaliveInterval)" }, "5.0 seconds"),
        ("SENSU_KEEPALIVE_TIMEOUT", "30", { "\($0.keepaliveTimeout)" }, "30.0 seconds"),
        ("SENSU_KEEPALIVE_WARNING_TIMEOUT", "40", { "\($0.keepaliveTimeout)" }, "40.0 seconds"),
        ("SENSU_KEEPALIVE_CRITICAL_TIMEOUT", "300", { "\($0.keepaliveCriticalTimeout)" }, "300.0 seconds"),
        ("SENSU_KEEPALIVE_HANDLERS", "slack,pager", { $0.keepaliveHandlers.joined(separator: ",") }, "slack,pager"),
        ("SENSU_KEEPALIVE_PIPELINES", "p1", { $0.keepalivePipelines.joined(separator: ",") }, "p1"),
        ("SENSU_KEEPALIVE_CHECK_LABELS", "k=v", { $0.keepaliveCheckLabels["k"] ?? "" }, "v"),
        ("SENSU_KEEPALIVE_CHECK_ANNOTATIONS", "k=w", { $0.keepaliveCheckAnnotations["k"] ?? "" }, "w"),
        ("SENSU_API_HOST", "0.0.0.0", { $0.apiHost }, "0.0.0.0"),
        ("SENSU_API_PORT", "4031", { "\($0.apiPort)" }, "4031"),
        ("SENSU_DISABLE_API", "true", { "\($0.disableAPI)" }, "true"),
        ("SENSU_HEALTH_HOST", "10.231.5.12", { $0.healthHost }, "10.231.5.12"),
        ("SENSU_HEALTH_PORT", "3032", { "\($0.healthPort)" }, "3032"),
        ("SENSU_LABELS_FILE", "/etc/pharos/podinfo/labels", { $0.labelsFile }, "/etc/pharos/podinfo/labels"),
        ("SENSU_SOCKET_HOST", "0.0.0.0", { $0.socketHost }, "0.0.0.0"),
        ("SENSU_SOCKET_PORT", "4030", { "\($0.socketPort)" }, "4030"),
        ("SENSU_DISABLE_SOCKETS", "1", { "\($0.disableSockets)" }, "true"),
        ("SENSU_STATSD_DISABLE", "t", { "\($0.statsdDisable)" }, "true"),
        ("SENSU_STATSD_METRICS_HOST", "0.0.0.0", { $0.statsdHost }, "0.0.0.0"),
        ("SENSU_STATSD_METRICS_PORT", "9125", { "\($0.statsdPort)" }, "9125"),
        ("SENSU_STATSD_FLUSH_INTERVAL", "3", { "\($0.statsdFlushInterval)" }, "3.0 seconds"),
        ("SENSU_STATSD_EVENT_HANDLERS", "statsd", { $0.statsdEventHandlers.joined(separator: ",") }, "statsd"),
        ("SENSU_EVENTS_RATE_LIMIT", "2.5", { "\($0.eventsRateLimit)" }, "2.5"),
        ("SENSU_EVENTS_BURST_LIMIT", "4", { "\($0.eventsBurstLimit)" }, "4"),
        ("SENSU_ASSETS_RATE_LIMIT", "0.5", { "\($0.assetsRateLimit)" }, "0.5"),
        ("SENSU_ASSETS_BURST_LIMIT", "7", { "\($0.assetsBurstLimit)" }, "7"),
        ("SENSU_CACHE_DIR", "/tmp/c", { $0.cacheDirectory }, "/tmp/c"),
        ("SENSU_OUTBOX_MAX_BYTES", "2048", { "\($0.outboxMaxBytes)" }, "2048"),
        ("SENSU_DISABLE_ASSETS", "true", { "\($0.disableAssets)" }, "true"),
        ("SENSU_REDACT", "secret,token", { $0.redact.joined(separator: ",") }, "secret,token"),
        ("SENSU_ALLOW_LIST", "/etc/allow.yml", { $0.allowListFile }, "/etc/allow.yml"),
        ("SENSU_TRUSTED_CA_FILE", "/ca.pem", { $0.trustedCAFile }, "/ca.pem"),
        ("SENSU_INSECURE_SKIP_TLS_VERIFY", "true", { "\($0.insecureSkipTLSVerify)" }, "true"),
        ("SENSU_BACKEND_HANDSHAKE_TIMEOUT", "5", { "\($0.handshakeTimeout)" }, "5.0 seconds"),
        ("SENSU_BACKEND_HEARTBEAT_INTERVAL", "12", { "\($0.heartbeatInterval)" }, "12.0 seconds"),
        ("SENSU_BACKEND_HEARTBEAT_TIMEOUT", "60", { "\($0.heartbeatTimeout)" }, "60.0 seconds"),
        ("SENSU_RETRY_MIN", "500ms", { "\($0.retryMinimum)" }, "0.5 seconds"),
        ("SENSU_RETRY_MAX", "2m", { "\($0.retryMaximum)" }, "120.0 seconds"),
        ("SENSU_RETRY_MULTIPLIER", "1.5", { "\($0.retryMultiplier)" }, "1.5"),
        ("SENSU_MAX_SESSION_LENGTH", "1h", { "\($0.maxSessionLength)" }, "3600.0 seconds"),
        ("SENSU_SHUTDOWN_GRACE", "5", { "\($0.shutdownGrace)" }, "5.0 seconds"),
        ("SENSU_AGENT_MANAGED_ENTITY", "true", { "\($0.agentManagedEntity)" }, "true"),
        ("SENSU_DETECT_CLOUD_PROVIDER", "true", { "\($0.detectCloudProvider)" }, "true"),
        ("SENSU_STRIP_NETWORKS", "true", { "\($0.stripNetworks)" }, "true"),
        ("SENSU_LOG_LEVEL", "debug", { "\($0.logLevel)" }, "debug"),
    ]

    @Test(arguments: 0..<environmentTable.count)
    func sensuVariableSetsItsSetting(row: Int) throws {
        let (variable, value, render, expected) = Self.environmentTable[row]
        let configuration = try AgentConfiguration.resolve(
            flags: [:], environment: [variable: value], hostname: "h")
        #expect(render(configuration) == expected, "\(variable)=\(value)")
        let pharos = "PHAROS_" + variable.dropFirst("SENSU_".count)
        let viaPharos = try AgentConfiguration.resolve(flags: [:], environment: [pharos: value], hostname: "h")
        #expect(render(viaPharos) == expected, "\(pharos)=\(value)")
    }

    @Test func everySettingOfTheFlagTableHasARowOrIsTheConfigFile() {
        let covered = Set(Self.environmentTable.map { String($0.0.dropFirst("SENSU_".count)) })
        let missing = AgentFlag.all.map { AgentFlag.environmentSuffix($0.name) }.filter {
            !covered.contains($0) && $0 != "CONFIG_FILE" && $0 != "CERT_FILE" && $0 != "KEY_FILE"
        }
        #expect(missing == [])
    }

    @Test func configFileValuesBelowEnvironmentAndFlags() throws {
        let yaml = """
            namespace: from-file
            subscriptions: [a, b]
            labels:
              region: eu
            keepalive-interval: 7
            backend-url:
              - ws://one
              - ws://two:9000
            name: file-name
            """
        let file = try AgentConfiguration.fileValues(yaml: yaml, source: "agent.yml")
        let configuration = try AgentConfiguration.resolve(
            flags: ["name": ["flag-name"]], environment: ["SENSU_NAMESPACE": "env-ns"], hostname: "h", file: file)
        #expect(configuration.namespace == "env-ns")
        #expect(configuration.name == "flag-name")
        #expect(configuration.subscriptions == ["a", "b"])
        #expect(configuration.labels == ["region": "eu"])
        #expect(configuration.keepaliveInterval == .seconds(7))
        #expect(configuration.backendURLs == ["ws://one:8081", "ws://two:9000"])
    }

    @Test func configFileWithUnknownKeyNamesIt() {
        #expect(throws: ConfigurationError("agent.yml: unknown setting \"colour\" (line 2)")) {
            try AgentConfiguration.fileValues(yaml: "namespace: x\ncolour: blue\n", source: "agent.yml")
        }
    }

    @Test func argumentsParseBothSpellingsAndBooleans() throws {
        let flags = try AgentConfiguration.parseArguments([
            "--log-level=debug", "--insecure-skip-tls-verify", "--keepalive-interval", "5", "--keepalive-timeout=10",
            "--subscriptions", "a", "--subscriptions", "b",
        ])
        #expect(flags["log-level"] == ["debug"])
        #expect(flags["insecure-skip-tls-verify"] == ["true"])
        #expect(flags["keepalive-interval"] == ["5"])
        #expect(flags["keepalive-timeout"] == ["10"])
        #expect(flags["subscriptions"] == ["a", "b"])
        #expect(throws: ConfigurationError("unknown flag --colour (see pharos-agent start --help)")) {
            try AgentConfiguration.parseArguments(["--colour=blue"])
        }
    }

    @Test func helpDocumentsEveryFlag() throws {
        let (status, output) = try Binaries.run("pharos-agent", ["start", "--help"])
        #expect(status == 0)
        let flattened = output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for flag in AgentFlag.all {
            #expect(flattened.contains("--\(flag.name) "), "--help lacks --\(flag.name)")
        }
        #expect(flattened.contains("seconds between keepalives (default 20;"))
        // Field failure #18 item 18: --deregister also de-registers on a graceful stop, and the help says so.
        #expect(
            flattened.contains("de-register the entity on a graceful stop (SIGTERM/SIGINT) and when its keepalives"))
    }

    @Test(
        arguments: [
            (
                ["--keepalive-interval=30", "--keepalive-timeout=20"], [:],
                "keepalive-timeout (20 s) must be greater than keepalive-interval (30 s)"
            ),
            (
                ["--backend-url", "http://backend:8081"], [:],
                "--backend-url must use the ws or wss scheme; got \"http://backend:8081\""
            ),
            (
                [], ["SENSU_LOG_LEVEL": "loud"],
                "SENSU_LOG_LEVEL (--log-level) must be one of panic, fatal, error, warn, info, debug; got \"loud\""
            ),
            (["--config-file", "/nonexistent/agent.yml"], [:], "config file /nonexistent/agent.yml does not exist"),
        ] as [([String], [String: String], String)])
    func invalidStartFailsWithOneLine(arguments: [String], environment: [String: String], message: String) throws {
        let (status, output) = try Binaries.run("pharos-agent", ["start"] + arguments, environment: environment)
        #expect(status == 2)
        #expect(output == "pharos-agent: \(message)\n")
    }
}
