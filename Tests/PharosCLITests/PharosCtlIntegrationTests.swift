import Foundation
import PharosClient
import PharosCore
import Testing

/// `PharosClient` and the real `pharosctl` binary against `FakeAPIServer` (to be replaced by the real backend API
/// once it is merged).
@Suite(.serialized) struct PharosCtlIntegrationTests {
    static func fixture() throws -> URL {
        SeedFixture.checkNginx
    }

    @Test func clientAuthenticatesPutsListsGetsAndDeletes() async throws {
        try await FakeAPIServer.with { server in
            let anonymous = PharosClient(apiURL: server.url + "/", accessToken: nil)
            let wrong = await #expect(throws: ClientError.self) {
                try await anonymous.authenticate(username: "admin", password: "nope")
            }
            #expect(wrong?.description == "bad credentials (code 5, HTTP 401)")
            let tokens = try await anonymous.authenticate(username: "admin", password: "P@ssw0rd!")
            #expect(tokens.accessToken == "access-1")
            #expect(tokens.refreshToken == "refresh-1")

            let client = PharosClient(apiURL: server.url, accessToken: tokens.accessToken)
            let refreshed = try await client.refresh(refreshToken: tokens.refreshToken)
            #expect(refreshed.accessToken == "access-2")

            var check = try Samples.checks()[0]
            check.metadata.namespace = "default"
            try await client.put(AnyResource(check))
            #expect(await server.state.putPaths() == ["/api/core/v2/namespaces/default/checks/check-nginx"])
            #expect(try await client.list(CheckConfig.self, namespace: "default") == [check])
            #expect(try await client.list(CheckConfig.self, namespace: nil) == [check])
            #expect(try await client.get(CheckConfig.self, name: "check-nginx", namespace: "default") == check)
            try await client.delete(.checkConfig, name: "check-nginx", namespace: "default")
            let missing = await #expect(throws: ClientError.self) {
                try await client.get(CheckConfig.self, name: "check-nginx", namespace: "default")
            }
            #expect(missing?.httpStatus == 404)
            #expect(missing?.code == 2)
        }
    }

    @Test func connectionFailureNamesTheURL() async throws {
        let client = PharosClient(apiURL: "http://127.0.0.1:1", accessToken: nil, timeout: .seconds(5))
        let error = await #expect(throws: ClientError.self) {
            try await client.authenticate(username: "a", password: "b")
        }
        #expect(error?.description == "cannot reach http://127.0.0.1:1/auth: connection refused")
    }

    @Test func configureCreateAndListThroughTheBinary() async throws {
        let configDir = try CtlProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: configDir) }
        let fixture = try Self.fixture()
        try await FakeAPIServer.with { server in
            let configure = try await CtlProcess.run(
                ["configure", "-n", "--url", server.url, "--username", "admin", "--password", "P@ssw0rd!"],
                configDir: configDir)
            #expect(configure.status == 0, "\(configure.stderr)")
            let cluster = try #require(try ConfigDirectoryProbe.cluster(configDir))
            #expect(cluster["api_url"] as? String == server.url)
            #expect(cluster["access_token"] as? String == "access-1")

            let namespace = try await CtlProcess.run(["namespace", "create", "webinar"], configDir: configDir)
            #expect(namespace.status == 0, "\(namespace.stderr)")
            #expect(namespace.stdout == "Created\n")

            let create = try await CtlProcess.run(
                ["create", "-f", fixture.path, "--namespace", "webinar"], configDir: configDir)
            #expect(create.status == 0, "\(create.stderr)")
            #expect(create.stderr == "")
            let paths = await server.state.putPaths()
            #expect(
                paths == [
                    "/api/core/v2/namespaces/webinar",
                    "/api/core/v2/namespaces/webinar/assets/monitoring-plugins-alpine",
                    "/api/core/v2/namespaces/webinar/assets/monitoring-plugins-centos",
                    "/api/core/v2/namespaces/webinar/assets/monitoring-plugins-debian",
                    "/api/core/v2/namespaces/webinar/checks/check-nginx",
                ])
            for body in await server.state.putBodies().dropFirst() {
                let object = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
                let metadata = try #require(object["metadata"] as? [String: Any])
                #expect(metadata["namespace"] as? String == "webinar")
                #expect(metadata["labels"] as? [String: String] == ["sensu.io/managed_by": "sensuctl"])
            }

            let list = try await CtlProcess.run(
                ["check", "list", "--namespace", "webinar", "--format", "json"], configDir: configDir)
            #expect(list.status == 0, "\(list.stderr)")
            let listed = try JSONDecoder().decode([CheckConfig].self, from: Data(list.stdout.utf8))
            #expect(listed.map(\.metadata.name) == ["check-nginx"])
            #expect(listed.first?.command == "check_http -H 127.0.0.1 -N")
            #expect(listed.first?.metadata.labels == ["sensu.io/managed_by": "sensuctl"])
            #expect(list.stdout.hasPrefix("[\n  {\n"))

            let assets = try await CtlProcess.run(["asset", "list", "--namespace", "webinar"], configDir: configDir)
            #expect(assets.status == 0, "\(assets.stderr)")
            let firstWords: [String] = assets.stdout.split(separator: "\n").map { line in
                String(line.prefix { $0 != " " })
            }
            let rule = String(repeating: "─", count: 25)
            let expectedWords = [
                "Name", rule, "monitoring-plugins-alpine", "monitoring-plugins-centos", "monitoring-plugins-debian",
            ]
            #expect(firstWords == expectedWords)
            #expect(assets.stdout.split(separator: "\n").allSatisfy { $0.count <= 120 })
        }
    }

    @Test func invalidDocumentStoresNothingAndServerErrorsAreOneLine() async throws {
        let configDir = try CtlProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: configDir) }
        try await FakeAPIServer.with { server in
            let configure = try await CtlProcess.run(
                ["configure", "-n", "--url", server.url, "--username", "admin", "--password", "P@ssw0rd!"],
                configDir: configDir)
            #expect(configure.status == 0, "\(configure.stderr)")

            let invalid = try await CtlProcess.run(
                ["create", "-f", "-"], configDir: configDir, stdin: Data(ResourceBatchTests.threeDocuments.utf8))
            #expect(invalid.status == 1)
            #expect(invalid.stderr.hasPrefix("error: -: document 3 (line 20): spec.interval: "), "\(invalid.stderr)")
            #expect(invalid.stderr.hasSuffix("error: nothing was created\n"))
            #expect(await server.state.putPaths().isEmpty)

            let missingNamespace = try await CtlProcess.run(
                ["check", "list", "--namespace", "nowhere"], configDir: configDir)
            #expect(missingNamespace.status == 1)
            #expect(missingNamespace.stdout == "")
            #expect(missingNamespace.stderr == "error: namespace \"nowhere\" not found (code 2, HTTP 404)\n")

            let badLogin = try await CtlProcess.run(
                ["configure", "-n", "--url", server.url, "--username", "admin", "--password", "wrong"],
                configDir: configDir)
            #expect(badLogin.status == 1)
            #expect(badLogin.stderr == "error: bad credentials (code 5, HTTP 401)\n")
        }
    }

    @Test func expiredAccessTokenIsRefreshedAndSaved() async throws {
        let configDir = try CtlProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: configDir) }
        try await FakeAPIServer.with { server in
            await server.state.setTokenLifetime(-60)
            let configure = try await CtlProcess.run(
                ["configure", "-n", "--url", server.url, "--username", "admin", "--password", "P@ssw0rd!"],
                configDir: configDir)
            #expect(configure.status == 0, "\(configure.stderr)")
            await server.state.setTokenLifetime(300)

            let list = try await CtlProcess.run(["namespace", "list", "--format", "json"], configDir: configDir)
            #expect(list.status == 0, "\(list.stderr)")
            #expect(await server.state.refreshes == 1)
            let cluster = try #require(try ConfigDirectoryProbe.cluster(configDir))
            #expect(cluster["access_token"] as? String == "access-2")
            #expect(cluster["refresh_token"] as? String == "refresh-2")
        }
    }
}

/// Reads the `cluster` file the binary wrote, as plain JSON.
enum ConfigDirectoryProbe {
    static func cluster(_ directory: URL) throws -> [String: Any]? {
        let data = try Data(contentsOf: directory.appendingPathComponent("cluster"))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any]
    }
}
