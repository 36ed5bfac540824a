import Foundation
import Logging
import PharosAgent
import PharosCore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Check execution beyond the basics (reference §5.2-5.5, §6.7): direct execution, process-group timeouts, stdin,
/// env_vars, hooks, thresholds, discard_output, the allow list and unmatched tokens. Real processes throughout.
@Suite struct CheckExecutionTests {
    static let entity = Entity(
        metadata: ObjectMeta(name: "pod-1", namespace: "webinar", labels: ["port": "8080"]), entityClass: "agent",
        system: EntitySystem(hostname: "pod-1", os: "linux"), subscriptions: ["entity:pod-1"])

    func runner(allowList: [AllowListEntry] = []) -> CheckRunner {
        CheckRunner(
            agentName: "pod-1", assets: DisabledAssetProvider(), environment: ["PATH": "/usr/bin:/bin"],
            allowList: allowList, logger: Logger(label: "test"))
    }

    func run(
        _ command: String, timeout: UInt32 = 0, hooks: [HookConfig] = [], runner: CheckRunner? = nil,
        configure: (inout CheckConfig) -> Void = { _ in }
    ) async throws -> Event {
        var config = CheckConfig(
            metadata: ObjectMeta(name: "check", namespace: "webinar"), command: command, interval: 10,
            timeout: timeout)
        configure(&config)
        let request = CheckRequest(config: config, hooks: hooks, issued: 100)
        return try #require(await (runner ?? self.runner()).run(request, entity: Self.entity))
    }

    @Test(arguments: [
        (
            "/usr/lib/nagios/plugins/check_dummy 0 ok", "/usr/lib/nagios/plugins/check_dummy",
            FileManager.default.isExecutableFile(atPath: "/usr/lib/nagios/plugins/check_dummy")
        ),
        ("true", "/usr/bin/true", true),
        ("echo a b", "/usr/bin/echo", true),
        ("echo $HOME", "/bin/sh", false),
        ("nonexistent-dir/prog", "/bin/sh", false),
        ("echo a | cat", "/bin/sh", false),
        ("FOO=1 true", "/bin/sh", false),
        ("echo 'quoted'", "/bin/sh", false),
        ("no-such-program-pharos", "/bin/sh", false),
    ])
    func plainCommandsRunDirectly(command: String, executable: String, direct: Bool) {
        let plan = CommandPlan.make(command: command, environment: ["PATH": "/usr/bin:/bin"])
        if direct {
            #expect(plan.executable == executable)
            #expect(plan.arguments == Array(command.split(separator: " ").dropFirst().map(String.init)))
        } else {
            #expect(plan.executable == "/bin/sh")
            #expect(plan.arguments == ["-c", command])
        }
    }

    @Test func timeoutKillsTheWholeGroupLeavingNoOrphan() async throws {
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("orphan-\(getpid()).pid").path
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        let event = try await run("sleep 300 & echo $! > \(pidFile); echo started; wait", timeout: 1)
        let check = try #require(event.check)
        #expect(check.status == 2)
        #expect(check.output == "Execution timed out\nstarted\n")
        let pid = try #require(
            Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        // SIGKILL is delivered asynchronously; the grandchild must be gone (or a zombie reaped by init) shortly.
        var alive = true
        for _ in 0..<50 where alive {
            alive = kill(pid, 0) == 0 && !Self.isZombie(pid)
            if alive { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(!alive, "sleep \(pid) survived the timeout")
    }

    static func isZombie(_ pid: Int32) -> Bool {
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        return stat.split(separator: ")").last?.split(separator: " ").first == "Z"
    }

    @Test func stdinCarriesTheEventJSON() async throws {
        let event = try await run("cat") { $0.stdin = true }
        let output = try #require(event.check?.output)
        let decoded = try JSONDecoder().decode(Event.self, from: Data(output.utf8))
        #expect(decoded.entity?.metadata.name == "pod-1")
        #expect(decoded.check?.config.metadata.name == "check")
        #expect(decoded.check?.config.command == "cat")
    }

    @Test func envVarsAreSetAndTokenSubstituted() async throws {
        let event = try await run("printenv PORT") { $0.envVars = ["PORT={{ .labels.port }}"] }
        #expect(event.check?.output == "8080\n")
    }

    @Test func unmatchedTokenGivesStatus3NamingIt() async throws {
        let event = try await run("check_http -p {{ .labels.missing_port }}")
        #expect(event.check?.status == 3)
        #expect(
            event.check?.output
                == "error while substituting check tokens: command: unmatched token: {{ .labels.missing_port }}")
    }

    @Test(arguments: [(UInt32(0), 0), (1, 0), (2, 1), (3, 0)])
    func criticalHookRunsOnlyForStatus2(status: UInt32, hookRuns: Int) async throws {
        let hook = HookConfig(
            metadata: ObjectMeta(name: "ps-hook", namespace: "webinar"), command: "echo hook ran", timeout: 5)
        let event = try await run("sh -c 'exit \(status)'", hooks: [hook]) {
            $0.checkHooks = [HookList(type: "critical", hooks: ["ps-hook"])]
        }
        let check = try #require(event.check)
        #expect(check.status == status)
        #expect(check.hooks.count == hookRuns)
        if hookRuns == 1 {
            #expect(check.hooks.first?.output == "hook ran\n")
            #expect(check.hooks.first?.status == 0)
            #expect(check.hooks.first?.config.metadata.name == "ps-hook")
        }
    }

    /// Field failure #18 item 13: a `stdin: true` hook read status 0 and empty output instead of the result.
    @Test func stdinHookReadsTheChecksStatusAndOutput() async throws {
        let hook = HookConfig(
            metadata: ObjectMeta(name: "read-event", namespace: "webinar"), command: "cat", timeout: 5, stdin: true)
        let event = try await run("echo disk full; exit 2", hooks: [hook]) {
            $0.checkHooks = [HookList(type: "critical", hooks: ["read-event"])]
        }
        let output = try #require(event.check?.hooks.first?.output)
        let seen = try JSONDecoder().decode(Event.self, from: Data(output.utf8))
        #expect(seen.check?.status == 2)
        #expect(seen.check?.output == "disk full\n")
        #expect(seen.check?.config.metadata.name == "check")
        #expect(seen.entity?.metadata.name == "pod-1")
    }

    @Test func hookTimesOutOnItsOwnTimeout() async throws {
        let hook = HookConfig(metadata: ObjectMeta(name: "slow"), command: "sleep 30", timeout: 1)
        let event = try await run("exit 1", hooks: [hook]) {
            $0.checkHooks = [HookList(type: "non-zero", hooks: ["slow", "gone"])]
        }
        let hooks = try #require(event.check?.hooks)
        #expect(hooks.map(\.status) == [2, 2])
        #expect(hooks.first?.output == "Execution timed out\n")
        #expect(hooks.last?.output == "hook gone: missing hook config\n")
    }

    @Test func thresholdsRaiseTheStatusAndAnnotateTheEvent() async throws {
        let event = try await run("echo 'disk.used 95 1700000000'") {
            $0.outputMetricFormat = "graphite_plaintext"
            $0.outputMetricTags = [MetricTag(name: "host", value: "{{ .system.hostname }}")]
            $0.outputMetricThresholds = [
                MetricThreshold(
                    name: "disk.used", tags: [MetricThresholdTag(name: "host", value: "pod-1")],
                    thresholds: [
                        MetricThresholdRule(max: "80", status: 1), MetricThresholdRule(max: "90", status: 2),
                    ]),
                MetricThreshold(
                    name: "disk.free", thresholds: [MetricThresholdRule(min: "1", status: 1)], nullStatus: 3),
            ]
        }
        #expect(event.check?.status == 3)
        #expect(event.metrics?.points.first?.tags == [MetricTag(name: "host", value: "pod-1")])
        let annotations = event.metadata.annotations
        #expect(
            annotations["sensu.io/output_metric_thresholds/disk.used.pod-1/max/critical"]
                == "The value of disk.used (host=pod-1) exceeded the configured threshold (max: 90, actual: 95).")
        #expect(
            annotations["sensu.io/output_metric_thresholds/disk.used.pod-1/max/warning"]
                == "The value of disk.used (host=pod-1) exceeded the configured threshold (max: 80, actual: 95).")
        #expect(annotations["sensu.io/output_metric_thresholds/disk.free/null-status/unknown"] != nil)
        #expect(
            annotations["sensu.io/notifications/output_metric_thresholds"]
                == "The metric disk.free was not in the check output (null_status 3).")
    }

    @Test func discardOutputBlanksTheOutput() async throws {
        let event = try await run("echo secret") { $0.discardOutput = true }
        #expect(event.check?.output == "")
        #expect(event.check?.status == 0)
    }

    @Test func allowListDeniesUnlistedCommandsAndHonoursTheAnnotation() async throws {
        let allowList = [AllowListEntry(exec: "/usr/bin/echo", args: ["hello"], enableEnv: false)]
        let allowed = try await run("echo hello", runner: runner(allowList: allowList))
        #expect(allowed.check?.output == "hello\n")
        let denied = try await run("echo bye", runner: runner(allowList: allowList))
        #expect(denied.check?.status == 3)
        #expect(denied.check?.output == "check command denied by the agent allow list")
        let custom = try await run("rm -rf /tmp/x", runner: runner(allowList: allowList)) {
            $0.metadata.annotations = ["allow_list_on_deny_status": "2"]
        }
        #expect(custom.check?.status == 2)
    }
}
