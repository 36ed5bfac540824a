import Foundation
import PharosCLI
import PharosClient
import PharosCore
import Testing

/// The real `pharosctl` binary against a real `pharos-backend` process: every command, checked through the API.
@Suite(.serialized) struct PharosCtlBackendTests {
    /// A configured pharosctl against `backend`, in a fresh config directory.
    struct Ctl {
        let configDir: URL

        func run(_ arguments: [String], stdin: String = "", environment: [String: String] = [:]) async throws
            -> CtlProcess.Result
        {
            try await CtlProcess.run(arguments, configDir: configDir, stdin: Data(stdin.utf8), environment: environment)
        }

        /// Runs and requires exit status 0.
        @discardableResult
        func ok(_ arguments: [String], stdin: String = "", environment: [String: String] = [:]) async throws -> String {
            let result = try await run(arguments, stdin: stdin, environment: environment)
            #expect(result.status == 0, "pharosctl \(arguments.joined(separator: " ")): \(result.stderr)")
            return result.stdout
        }
    }

    static func configured(_ backend: RealBackend) async throws -> Ctl {
        let ctl = Ctl(configDir: try CtlProcess.temporaryDirectory())
        try await ctl.ok([
            "configure", "-n", "--url", backend.apiURL, "--username", RealBackend.adminUser, "--password",
            RealBackend.adminPassword, "--namespace", "ops", "--format", "json",
        ])
        return ctl
    }

    static var seedSensuDirectory: URL {
        SeedFixture.checkNginx.deletingLastPathComponent().deletingLastPathComponent()
    }

    @Test func seedFilesApplyAndResourceCommandsMatchTheAPI() async throws {
        try await RealBackend.with { backend in
            let ctl = try await Self.configured(backend)
            defer { try? FileManager.default.removeItem(at: ctl.configDir) }
            let api = try await backend.adminClient()
            #expect(try await ctl.ok(["namespace", "create", "ops"]) == "Created\n")

            try await ctl.ok(["create", "-f", Self.seedSensuDirectory.path, "-r"])
            let checks = try await api.list(CheckConfig.self, namespace: "ops")
            #expect(checks.map(\.metadata.name) == ["check-nginx"])
            #expect(checks.first?.metadata.labels["sensu.io/managed_by"] == "sensuctl")
            let handlers = try await api.list(Handler.self, namespace: "ops")
            #expect(!handlers.isEmpty)
            let assets = try await api.list(Asset.self, namespace: "ops")
            #expect(assets.count >= 2)

            // list --format json prints exactly what the API lists.
            let listed = try JSONDecoder().decode(
                [CheckConfig].self, from: Data(try await ctl.ok(["check", "list"]).utf8))
            #expect(listed == checks)
            let listedHandlers = try JSONDecoder().decode(
                [Handler].self, from: Data(try await ctl.ok(["handler", "list"]).utf8))
            #expect(listedHandlers == handlers)
            let listedAssets = try JSONDecoder().decode(
                [Asset].self, from: Data(try await ctl.ok(["asset", "list", "--chunk-size", "1"]).utf8))
            #expect(listedAssets == assets)
            for command in ["filter", "mutator", "hook", "entity", "event", "silenced"] {
                let text = try await ctl.ok([command, "list"])
                #expect(text.hasPrefix("["), "\(command) list: \(text)")
            }
            let info = try JSONDecoder().decode(
                CheckConfig.self, from: Data(try await ctl.ok(["check", "info", "check-nginx"]).utf8))
            #expect(info == checks.first)

            // tabular: sensuctl's titles, readable at 80 columns.
            let table = try await ctl.ok(
                ["check", "list", "--format", "tabular"], environment: ["COLUMNS": "80"])
            #expect(table.contains("Name"))
            #expect(table.contains("check-nginx"))
            #expect(table.split(separator: "\n").allSatisfy { $0.count <= 80 })
            let detail = try await ctl.ok(["check", "info", "check-nginx", "--format", "tabular"])
            #expect(detail.contains("Name:"))
            #expect(detail.contains("check-nginx"))

            // --label-selector and --field-selector are applied by the server (reference §2.4 field names).
            let debian = try JSONDecoder().decode(
                [Asset].self,
                from: Data(
                    try await ctl.ok(["asset", "list", "--field-selector", "asset.name == monitoring-plugins-debian"])
                        .utf8))
            #expect(debian.map(\.metadata.name) == ["monitoring-plugins-debian"])
            let notPlugins = try JSONDecoder().decode(
                [Asset].self,
                from: Data(
                    try await ctl.ok([
                        "asset", "list", "--field-selector",
                        "asset.name notin [monitoring-plugins-debian, monitoring-plugins-alpine, monitoring-plugins-centos]",
                    ]).utf8))
            #expect(notPlugins.count == assets.count - 3)
            let labelled = try JSONDecoder().decode(
                [CheckConfig].self,
                from: Data(
                    try await ctl.ok(["check", "list", "--label-selector", "sensu.io/managed_by == sensuctl"]).utf8))
            #expect(labelled == checks)
            let none = try await ctl.ok(["check", "list", "--label-selector", "sensu.io/managed_by == other"])
            #expect(try JSONDecoder().decode([CheckConfig].self, from: Data(none.utf8)).isEmpty)
            let badSelector = try await ctl.run(["check", "list", "--field-selector", "check.name === x"])
            #expect(badSelector.status != 0)
            #expect(badSelector.stderr.contains("HTTP 400"))

            // --all-namespaces lists across namespaces.
            let all = try JSONDecoder().decode(
                [CheckConfig].self, from: Data(try await ctl.ok(["check", "list", "--all-namespaces"]).utf8))
            #expect(all.map(\.metadata.namespace) == ["ops"])

            // delete without a terminal asks for --skip-confirm; with it the check is gone.
            let refused = try await ctl.run(["check", "delete", "check-nginx"])
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("--skip-confirm"))
            #expect(try await ctl.ok(["check", "delete", "check-nginx", "--skip-confirm"]) == "Deleted\n")
            let gone = await #expect(throws: ClientError.self) {
                try await api.get(CheckConfig.self, name: "check-nginx", namespace: "ops")
            }
            #expect(gone?.httpStatus == 404)

            // delete -f removes what a file describes.
            try await ctl.ok(["delete", "-f", Self.seedSensuDirectory.path, "-r"])
            #expect(try await api.list(Handler.self, namespace: "ops").isEmpty)
            #expect(try await api.list(Asset.self, namespace: "ops").isEmpty)
        }
    }

    @Test func errorsAreOneLineWithTheServerMessage() async throws {
        try await RealBackend.with { backend in
            let ctl = try await Self.configured(backend)
            defer { try? FileManager.default.removeItem(at: ctl.configDir) }
            let missing = try await ctl.run(["check", "info", "nosuch", "--namespace", "default"])
            #expect(missing.status != 0)
            #expect(missing.stderr.split(separator: "\n").count == 1)
            #expect(missing.stderr.contains("HTTP 404"))
            let unreachable = try await ctl.run(["check", "list", "--api-url", "http://127.0.0.1:1"])
            #expect(unreachable.status != 0)
            #expect(unreachable.stderr.contains("http://127.0.0.1:1"))
            #expect(unreachable.stderr.contains("connection refused"))
        }
    }

    @Test func silencedEventsEnvVersionAndCompletion() async throws {
        try await RealBackend.with { backend in
            let ctl = try await Self.configured(backend)
            defer { try? FileManager.default.removeItem(at: ctl.configDir) }
            let api = try await backend.adminClient()
            try await ctl.ok(["namespace", "create", "ops"])

            try await ctl.ok([
                "silenced", "create", "-s", "linux", "-c", "check-nginx", "-r", "maintenance", "-e", "3600",
            ])
            let silenced = try await api.get(Silenced.self, name: "linux:check-nginx", namespace: "ops")
            #expect(silenced.reason == "maintenance")
            #expect(silenced.subscription == "linux")
            #expect(silenced.expire > 3500 && silenced.expire <= 3600)

            // An event posted through the API, then read, resolved and deleted through pharosctl.
            let now = Int(Date().timeIntervalSince1970)
            let event: JSONValue = .object([
                "entity": .object([
                    "metadata": .object(["name": .string("web-1"), "namespace": .string("ops")]),
                    "entity_class": .string("proxy"),
                ]),
                "check": .object([
                    "metadata": .object(["name": .string("disk"), "namespace": .string("ops")]),
                    "status": .number(2), "output": .string("disk full"), "interval": .number(60),
                    "executed": .number(Double(now)),
                ]),
                "timestamp": .number(Double(now)),
            ])
            try await api.sendJSON(
                .put, PharosClient.eventPath(entity: "web-1", check: "disk", namespace: "ops"), event)
            let events = try JSONDecoder().decode([Event].self, from: Data(try await ctl.ok(["event", "list"]).utf8))
            #expect(events.map { $0.check?.output } == ["disk full"])
            let table = try await ctl.ok(["event", "list", "--format", "tabular"])
            for title in ["Entity", "Check", "Output", "Status", "Silenced", "Timestamp", "UUID"] {
                #expect(table.contains(title))
            }
            let info = try JSONDecoder().decode(
                Event.self, from: Data(try await ctl.ok(["event", "info", "web-1", "disk"]).utf8))
            #expect(info.check?.status == 2)
            #expect(try await ctl.ok(["event", "resolve", "web-1", "disk"]) == "Resolved\n")
            let resolved = try await api.getJSON(
                PharosClient.eventPath(entity: "web-1", check: "disk", namespace: "ops"))
            #expect(resolved["check"]?["status"]?.numberValue == 0)
            #expect(resolved["check"]?["output"]?.stringValue == "Resolved manually by sensuctl")
            try await ctl.ok(["event", "delete", "web-1", "disk", "--skip-confirm"])
            #expect(try await api.list(Event.self, namespace: "ops").isEmpty)

            let env = try await ctl.ok(["env"])
            #expect(env.contains("export SENSU_API_URL=\"\(backend.apiURL)\""))
            #expect(env.contains("export SENSU_NAMESPACE=\"ops\""))
            #expect(env.contains("export SENSU_ACCESS_TOKEN=\""))
            #expect(try await ctl.ok(["version"]).hasPrefix("pharosctl version "))
            #expect(try await ctl.ok(["completion", "bash"]).contains("-F _pharosctl pharosctl"))
            #expect(try await ctl.ok(["completion", "zsh"]).contains("#compdef pharosctl"))
        }
    }

    @Test func editReopensOnAServerErrorAndSavesTheFix() async throws {
        try await RealBackend.with { backend in
            let ctl = try await Self.configured(backend)
            defer { try? FileManager.default.removeItem(at: ctl.configDir) }
            let api = try await backend.adminClient()
            try await ctl.ok(["namespace", "create", "ops"])
            try await ctl.ok(["create", "-f", SeedFixture.checkNginx.path])
            // A scripted $EDITOR: the first round saves an invalid interval, the second a valid one; it records
            // the error lines pharosctl put at the top of the file.
            let script = ctl.configDir.appendingPathComponent("editor.sh")
            let rounds = ctl.configDir.appendingPathComponent("rounds")
            try """
            #!/bin/sh
            n=$(cat "\(rounds.path)" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "\(rounds.path)"
            grep '^# error:' "$1" > "\(rounds.path).errors.$n"
            if [ $n -eq 1 ]; then sed -i 's/^  interval: .*/  interval: "ten"/' "$1"; \
            else sed -i 's/^  interval: .*/  interval: 45/' "$1"; fi
            """.write(to: script, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
            let edit = try await ctl.run(
                ["edit", "check", "check-nginx", "--format", "yaml"], environment: ["EDITOR": script.path])
            #expect(edit.status == 0, "\(edit.stderr)")
            #expect(edit.stdout == "Updated\n")
            #expect(edit.stderr.contains("interval"))
            #expect(try String(contentsOf: rounds, encoding: .utf8) == "2\n")
            let shown = try String(contentsOfFile: rounds.path + ".errors.2", encoding: .utf8)
            #expect(shown.contains("# error:"))
            #expect(shown.contains("interval"))
            let check = try await api.get(CheckConfig.self, name: "check-nginx", namespace: "ops")
            #expect(check.interval == 45)
        }
    }

    @Test func dumpAllWipeAndCreateRestoresEveryResource() async throws {
        try await RealBackend.with { backend in
            let ctl = try await Self.configured(backend)
            defer { try? FileManager.default.removeItem(at: ctl.configDir) }
            let api = try await backend.adminClient()
            try await ctl.ok(["namespace", "create", "ops"])
            try await ctl.ok(["create", "-f", Self.seedSensuDirectory.path, "-r"])
            try await ctl.ok(["silenced", "create", "-s", "web", "-r", "deploy"])

            func snapshot() async throws -> [String: [JSONValue]] {
                var result: [String: [JSONValue]] = [:]
                for type in [
                    ResourceType.checkConfig, .handler, .asset, .eventFilter, .mutator, .hookConfig, .silenced,
                ] {
                    let items: [any Resource] = try await api.list(type.modelType, namespace: "ops")
                    result[type.collection] = try items.map { item in
                        var value = try JSONValue(encoding: item)
                        if case .object(var fields) = value {
                            // create -f labels what it stores (sensuctl does the same); `silenced create` did not.
                            if case .object(var metadata)? = fields["metadata"],
                                case .object(var labels)? = metadata["labels"]
                            {
                                labels["sensu.io/managed_by"] = nil
                                metadata["labels"] = labels.isEmpty ? nil : .object(labels)
                                fields["metadata"] = .object(metadata)
                            }
                            fields["expire"] = nil  // a silence's remaining seconds change while the test runs
                            value = .object(fields)
                        }
                        return value
                    }
                }
                return result
            }
            let before = try await snapshot()
            #expect(before["checks"]?.count == 1)
            #expect(before["silenced"]?.count == 1)

            let dumpFile = ctl.configDir.appendingPathComponent("dump.yaml")
            try await ctl.ok(["dump", "all", "--format", "yaml", "-f", dumpFile.path])
            let dump = try String(contentsOf: dumpFile, encoding: .utf8)
            #expect(dump.contains("type: CheckConfig"))
            #expect(dump.contains("type: Namespace"))

            // Wipe the namespace's resources, then restore from the dump.
            for (collection, items) in before {
                for item in items {
                    let name = try #require(item["metadata"]?["name"]?.stringValue)
                    try await api.delete(path: "/api/core/v2/namespaces/ops/\(collection)/\(PharosClient.escape(name))")
                }
            }
            #expect(try await api.list(CheckConfig.self, namespace: "ops").isEmpty)
            try await ctl.ok(["create", "-f", dumpFile.path])
            let after = try await snapshot()
            #expect(after == before)
        }
    }
}

extension PharosCtlBackendTests {
    // Issue 18 item 19: `delete -f` of a full `dump all` deleted the admin's own ClusterRoleBinding first, then
    // failed half-way with 403. Item 23: global flags before the subcommand.
    @Test func deleteOfAFullDumpRefusesToRemoveTheCallersOwnAccess() async throws {
        try await RealBackend.with { backend in
            let ctl = try await Self.configured(backend)
            defer { try? FileManager.default.removeItem(at: ctl.configDir) }
            let api = try await backend.adminClient()
            try await ctl.ok(["namespace", "create", "ops"])
            try await ctl.ok(["--namespace", "ops", "create", "-f", Self.seedSensuDirectory.path, "-r"])
            let dumpFile = ctl.configDir.appendingPathComponent("all.yaml")
            try await ctl.ok(["--format", "yaml", "dump", "all", "-f", dumpFile.path])
            #expect(try String(contentsOf: dumpFile, encoding: .utf8).contains("type: ClusterRoleBinding"))

            let refused = try await ctl.run(["delete", "-f", dumpFile.path])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("nothing was deleted"), "\(refused.stderr)")
            #expect(refused.stderr.contains("--delete-own-access"))
            #expect(try await api.list(CheckConfig.self, namespace: "ops").count == 1)
            #expect(try await ctl.run(["--namespace", "ops", "check", "list"]).status == 0)

            // Without the bindings, the delete goes through.
            let checksFile = ctl.configDir.appendingPathComponent("ops.yaml")
            try await ctl.ok(["--namespace", "ops", "dump", "checks", "--format", "yaml", "-f", checksFile.path])
            let deleted = try await ctl.ok(["delete", "-f", checksFile.path])
            #expect(deleted.hasPrefix("Deleted "))
            #expect(try await api.list(CheckConfig.self, namespace: "ops").isEmpty)
        }
    }

    @Test func usersAPIKeysRolesExecuteAndLogout() async throws {
        try await RealBackend.with { backend in
            let ctl = try await Self.configured(backend)
            defer { try? FileManager.default.removeItem(at: ctl.configDir) }
            let api = try await backend.adminClient()
            let anonymous = PharosClient(apiURL: backend.apiURL, accessToken: nil)

            try await ctl.ok(["user", "create", "alice", "--password", "Alice-P@ss1", "--groups", "dev"])
            #expect(try await api.get(User.self, name: "alice", namespace: nil).groups == ["dev"])
            try await ctl.ok(["user", "add-group", "alice", "ops"])
            try await ctl.ok(["user", "remove-group", "alice", "dev"])
            #expect(try await api.get(User.self, name: "alice", namespace: nil).groups == ["ops"])
            try await ctl.ok([
                "user", "change-password", "alice", "--current-password", "Alice-P@ss1", "--new-password",
                "Alice-P@ss2",
            ])
            _ = try await anonymous.authenticate(username: "alice", password: "Alice-P@ss2")
            try await ctl.ok(["user", "reset-password", "alice", "--new-password", "Alice-P@ss3"])
            _ = try await anonymous.authenticate(username: "alice", password: "Alice-P@ss3")
            try await ctl.ok(["user", "disable", "alice", "--skip-confirm"])
            #expect(try await api.get(User.self, name: "alice", namespace: nil).disabled)
            let refused = await #expect(throws: ClientError.self) {
                try await anonymous.authenticate(username: "alice", password: "Alice-P@ss3")
            }
            #expect(refused?.httpStatus == 401)
            try await ctl.ok(["user", "reinstate", "alice"])
            #expect(try await api.get(User.self, name: "alice", namespace: nil).disabled == false)
            let users = try JSONDecoder().decode([User].self, from: Data(try await ctl.ok(["user", "list"]).utf8))
            #expect(Set(users.map(\.username)).isSuperset(of: ["admin", "alice"]))

            // Built-in RBAC resources are listed.
            try await ctl.ok(["namespace", "create", "ops"])
            let clusterRoles = try JSONDecoder().decode(
                [ClusterRole].self, from: Data(try await ctl.ok(["clusterrole", "list"]).utf8))
            #expect(Set(clusterRoles.map(\.metadata.name)).isSuperset(of: ["cluster-admin", "admin", "edit", "view"]))
            let bindings = try JSONDecoder().decode(
                [ClusterRoleBinding].self, from: Data(try await ctl.ok(["clusterrolebinding", "list"]).utf8))
            #expect(bindings.contains { $0.roleRef.name == "cluster-admin" })
            #expect(try await ctl.ok(["role", "list"]).hasPrefix("["))
            #expect(try await ctl.ok(["rolebinding", "list"]).hasPrefix("["))

            // API keys: grant, use (no cluster file needed), list, revoke.
            let granted = try await ctl.ok(["api-key", "grant", "admin"])
            #expect(granted.hasPrefix("Created: /api/core/v2/apikeys/"))
            let key = String(granted.dropFirst("Created: /api/core/v2/apikeys/".count).dropLast())
            let keyDir = try CtlProcess.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: keyDir) }
            let withKey = Ctl(configDir: keyDir)
            #expect(
                try await withKey.ok([
                    "namespace", "list", "--api-url", backend.apiURL, "--api-key", key, "--format", "json",
                ])
                .contains("\"ops\""))
            let keys = try JSONDecoder().decode([APIKey].self, from: Data(try await ctl.ok(["api-key", "list"]).utf8))
            #expect(keys.map(\.metadata.name) == [key])
            try await ctl.ok(["api-key", "revoke", key, "--skip-confirm"])
            let revoked = try await withKey.run(["namespace", "list", "--api-url", backend.apiURL, "--api-key", key])
            #expect(revoked.status != 0)
            #expect(revoked.stderr.contains("HTTP 401"))

            // Adhoc execution of a check: accepted for a check that exists, 404 otherwise.
            try await ctl.ok(["create", "-f", SeedFixture.checkNginx.path])
            #expect(
                try await ctl.ok(["check", "execute", "check-nginx", "--subscriptions", "web", "--reason", "t"])
                    == "Issued\n")
            let unknown = try await ctl.run(["check", "execute", "nosuch"])
            #expect(unknown.status != 0)
            #expect(unknown.stderr.contains("HTTP 404"))

            // logout revokes the tokens at the server and forgets them.
            let cluster = try #require(try ConfigDirectory(url: ctl.configDir).loadCluster())
            #expect(try await ctl.ok(["logout"]) == "Logged out\n")
            let old = PharosClient(apiURL: backend.apiURL, accessToken: cluster.accessToken)
            let stale = await #expect(throws: ClientError.self) {
                try await old.list(Namespace.self, namespace: nil)
            }
            #expect(stale?.httpStatus == 401)
            #expect(try ConfigDirectory(url: ctl.configDir).loadCluster()?.accessToken == "")
            #expect(try await ctl.run(["check", "list"]).status != 0)
        }
    }
}

extension PharosCtlBackendTests {
    static let everyKind = """
        type: EventFilter
        api_version: core/v2
        metadata: {name: only-prod}
        spec: {action: allow, expressions: ["event.entity.labels.env == 'prod'"]}
        ---
        type: Mutator
        api_version: core/v2
        metadata: {name: upper}
        spec: {command: "tr a-z A-Z", timeout: 5}
        ---
        type: HookConfig
        api_version: core/v2
        metadata: {name: ps}
        spec: {command: "ps aux", timeout: 10}
        ---
        type: Handler
        api_version: core/v2
        metadata: {name: logger}
        spec: {type: pipe, command: cat}
        ---
        type: Pipeline
        api_version: core/v2
        metadata: {name: alerts}
        spec:
          workflows:
          - name: to-logger
            handler: {name: logger, type: Handler, api_version: core/v2}
        ---
        type: Role
        api_version: core/v2
        metadata: {name: reader}
        spec: {rules: [{verbs: [get, list], resources: [checks]}]}
        ---
        type: RoleBinding
        api_version: core/v2
        metadata: {name: reader-alice}
        spec: {role_ref: {type: Role, name: reader}, subjects: [{type: User, name: alice}]}
        ---
        type: ClusterRole
        api_version: core/v2
        metadata: {name: ops-reader}
        spec: {rules: [{verbs: [get], resources: [namespaces]}]}
        ---
        type: ClusterRoleBinding
        api_version: core/v2
        metadata: {name: ops-reader-alice}
        spec: {role_ref: {type: ClusterRole, name: ops-reader}, subjects: [{type: User, name: alice}]}
        ---
        type: CheckConfig
        api_version: core/v2
        metadata: {name: disk}
        spec: {command: check_disk, interval: 60, subscriptions: [linux]}
        ---
        type: Entity
        api_version: core/v2
        metadata: {name: web-9}
        spec: {entity_class: proxy}
        """

    /// `info` and `delete` of every resource type, each checked through the API.
    @Test func infoAndDeleteForEveryType() async throws {
        try await RealBackend.with { backend in
            let ctl = try await Self.configured(backend)
            defer { try? FileManager.default.removeItem(at: ctl.configDir) }
            let api = try await backend.adminClient()
            try await ctl.ok(["namespace", "create", "ops"])
            try await ctl.ok(["create"], stdin: Self.everyKind)
            try await ctl.ok(["silenced", "create", "-s", "web", "-c", "disk"])
            let cases: [(String, String, ResourceType)] = [
                ("filter", "only-prod", .eventFilter), ("mutator", "upper", .mutator), ("hook", "ps", .hookConfig),
                ("pipeline", "alerts", .pipeline), ("handler", "logger", .handler),
                ("rolebinding", "reader-alice", .roleBinding),
                ("role", "reader", .role), ("clusterrolebinding", "ops-reader-alice", .clusterRoleBinding),
                ("clusterrole", "ops-reader", .clusterRole), ("check", "disk", .checkConfig),
                ("entity", "web-9", .entity),
                ("silenced", "web:disk", .silenced),
            ]
            for (command, name, type) in cases {
                let path = PharosClient.resourcePath(type, name: name, namespace: type.isNamespaced ? "ops" : nil)
                let stored = try await api.getJSON(path)
                let shown = try JSONDecoder().decode(
                    JSONValue.self, from: Data(try await ctl.ok([command, "info", name]).utf8))
                #expect(shown["metadata"]?["name"]?.stringValue == name, "\(command) info")
                #expect(shown["metadata"]?["name"] == stored["metadata"]?["name"])
                let tabular = try await ctl.ok([command, "info", name, "--format", "tabular"])
                #expect(tabular.contains(name), "\(command) info tabular: \(tabular)")
                let yaml = try await ctl.ok([command, "info", name, "--format", "yaml"])
                #expect(yaml.contains("type: \(type.typeName)"), "\(command) info yaml")
                let listed = try await ctl.ok([command, "list"])
                #expect(listed.contains("\"\(name)\""), "\(command) list")
                #expect(try await ctl.ok([command, "delete", name, "--skip-confirm"]) == "Deleted\n")
                let gone = await #expect(throws: ClientError.self) { try await api.getJSON(path) }
                #expect(gone?.httpStatus == 404, "\(command) \(name) still there")
            }
            try await ctl.ok(["namespace", "create", "scratch"])
            #expect(try await ctl.ok(["namespace", "delete", "scratch", "--skip-confirm"]) == "Deleted\n")
            let namespaces = try await api.list(Namespace.self, namespace: nil)
            #expect(namespaces.map(\.name).contains("scratch") == false)
            #expect(namespaces.map(\.name).contains("ops"))
        }
    }
}
