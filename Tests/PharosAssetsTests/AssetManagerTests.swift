import Foundation
import Logging
import PharosAssets
import PharosCore
import Subprocess
import SystemPackage
import Testing

@Suite struct AssetManagerTests {
    let logger = Logger(label: "asset-test")

    static func linuxEntity() -> Entity {
        var entity = Entity(metadata: ObjectMeta(name: "web-1", namespace: "default"), entityClass: "agent")
        entity.system.os = "linux"
        entity.system.arch = "amd64"
        return entity
    }

    static func asset(_ url: String, sha512: String, filters: [String] = []) -> Asset {
        Asset(
            metadata: ObjectMeta(name: "hello", namespace: "default"), url: url, sha512: sha512, filters: filters,
            headers: ["X-Asset-Token": "secret-1"])
    }

    @Test func installsDownloadsAndRunsThroughPATH() async throws {
        let fixture = try await AssetFixture.make()
        defer { fixture.remove() }
        let server = TestHTTPServer(files: ["/hello.tar.gz": fixture.tarball])
        let cache = fixture.cacheDirectory()
        let output = try await server.run { base in
            let manager = AssetManager(cacheDirectory: cache, logger: logger)
            let asset = Self.asset("\(base)/hello.tar.gz", sha512: fixture.sha512.uppercased())
            let environment = try await manager.prepare([asset], for: Self.linuxEntity())
            #expect(environment.assetDirectories.map(\.name) == ["hello"])
            #expect(environment.assetDirectories.map(\.path) == ["\(cache)/\(fixture.sha512)"])
            let variables = environment.applied(to: ["PATH": "/usr/bin:/bin"])
            #expect(variables["HELLO_PATH"] == "\(cache)/\(fixture.sha512)")
            var custom: [Environment.Key: String] = [:]
            for (key, value) in variables { custom[Environment.Key(stringLiteral: key)] = value }
            let result = try await Subprocess.run(
                .path("/bin/sh"), arguments: ["-c", "hello world"], environment: .custom(custom),
                output: .string(limit: 4096))
            return result.standardOutput
        }
        #expect(output == "hello from asset world\n")
        #expect(server.lastHeader("X-Asset-Token") == "secret-1")
        #expect(FileManager.default.fileExists(atPath: "\(cache)/\(fixture.sha512)/\(AssetManager.markerFileName)"))
        // Nothing but the installed asset is left in the cache (no download or staging leftovers).
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache) == [fixture.sha512])
    }

    @Test func sha512MismatchNamesAssetURLAndBothDigests() async throws {
        let fixture = try await AssetFixture.make()
        defer { fixture.remove() }
        let server = TestHTTPServer(files: ["/hello.tar.gz": fixture.tarball])
        let cache = fixture.cacheDirectory()
        let wrong = String(repeating: "ab", count: 64)
        try await server.run { base in
            let manager = AssetManager(cacheDirectory: cache, logger: logger)
            let url = "\(base)/hello.tar.gz"
            let error = try await #require(throws: AssetError.self) {
                try await manager.prepare([Self.asset(url, sha512: wrong)], for: Self.linuxEntity())
            }
            // Field failure #18 item 16: the mismatch also gives the downloaded size.
            #expect(
                error.description
                    == "asset \"hello\" (\(url)): sha512 mismatch: expected \(wrong), got \(fixture.sha512) "
                    + "(\(fixture.tarball.count) bytes downloaded)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache) == [])
    }

    @Test func notFoundIsHTTP404() async throws {
        let fixture = try await AssetFixture.make()
        defer { fixture.remove() }
        let server = TestHTTPServer(files: [:])
        try await server.run { base in
            let manager = AssetManager(cacheDirectory: fixture.cacheDirectory(), logger: logger)
            let url = "\(base)/missing.tar.gz"
            let error = try await #require(throws: AssetError.self) {
                try await manager.prepare([Self.asset(url, sha512: fixture.sha512)], for: Self.linuxEntity())
            }
            #expect(error.description == "asset \"hello\" (\(url)): download failed: HTTP 404")
            #expect(error.reason == .httpStatus(404))
        }
    }

    @Test func connectionRefusedIsADownloadFailure() async throws {
        let fixture = try await AssetFixture.make()
        defer { fixture.remove() }
        let manager = AssetManager(cacheDirectory: fixture.cacheDirectory(), logger: logger)
        let url = "http://127.0.0.1:1/hello.tar.gz"
        let error = try await #require(throws: AssetError.self) {
            try await manager.prepare([Self.asset(url, sha512: fixture.sha512)], for: Self.linuxEntity())
        }
        #expect(error.description.hasPrefix("asset \"hello\" (\(url)): download failed: "))
    }

    /// Field failure #18 item 16: a refused connection fails the download at once (it was retried until the
    /// 10-minute download timeout) with the asset, the URL and the reason.
    @Test func closedLoopbackPortFailsWithoutRetrying() async throws {
        let fixture = try await AssetFixture.make()
        defer { fixture.remove() }
        let port = try TestHTTPServer.closedLoopbackPort()
        // A download timeout far longer than any test: only the failed connection can end the download.
        let manager = AssetManager(
            cacheDirectory: fixture.cacheDirectory(), logger: logger, downloadTimeout: .seconds(3600))
        let url = "http://127.0.0.1:\(port)/hello.tar.gz"
        let error = try await #require(throws: AssetError.self) {
            try await manager.prepare([Self.asset(url, sha512: fixture.sha512)], for: Self.linuxEntity())
        }
        #expect(
            error.description == "asset \"hello\" (\(url)): download failed: cannot connect: connection refused",
            "\(error)")
    }

    /// Field failure #18 item 16: an asset with builds none of which matches the entity fails the command with
    /// status 3 instead of letting it run without the asset.
    @Test func assetWithBuildsNoneMatchingFailsNamingTheAsset() async throws {
        let fixture = try await AssetFixture.make()
        defer { fixture.remove() }
        let manager = AssetManager(cacheDirectory: fixture.cacheDirectory(), logger: logger)
        let asset = Asset(
            metadata: ObjectMeta(name: "plugins", namespace: "default"),
            builds: [
                AssetBuild(
                    url: "http://127.0.0.1:1/win.tgz", sha512: fixture.sha512,
                    filters: ["entity.system.os == 'windows'"]),
                AssetBuild(
                    url: "http://127.0.0.1:1/arm.tgz", sha512: fixture.sha512,
                    filters: ["entity.system.arch == 'arm64'"]),
            ])
        let error = try await #require(throws: AssetError.self) {
            try await manager.prepare([asset], for: Self.linuxEntity())
        }
        #expect(
            error.description
                == "asset \"plugins\": no build matches this entity "
                + "(filters: entity.system.os == 'windows'; entity.system.arch == 'arm64')")
        #expect(await manager.downloadsStarted == 0)
    }

    @Test func noMatchingBuildListsTheFilters() async throws {
        let fixture = try await AssetFixture.make()
        defer { fixture.remove() }
        let manager = AssetManager(cacheDirectory: fixture.cacheDirectory(), logger: logger)
        let asset = Self.asset(
            "http://127.0.0.1:1/x.tar.gz", sha512: fixture.sha512, filters: ["entity.system.os == 'windows'"])
        let error = try #require(throws: AssetError.self) {
            try AssetSource.select(for: asset, entity: Self.linuxEntity())
        }
        #expect(
            error.description
                == "asset \"hello\" (http://127.0.0.1:1/x.tar.gz): no build matches this entity "
                + "(filters: entity.system.os == 'windows')")
        // prepare() skips an asset without builds whose own filters fail, as Sensu does (one asset per platform).
        let environment = try await manager.prepare([asset], for: Self.linuxEntity())
        #expect(environment.assetDirectories.isEmpty)
        #expect(await manager.downloadsStarted == 0)
    }

    @Test func selectsFirstBuildWhoseFiltersAllPass() throws {
        let asset = Asset(
            metadata: ObjectMeta(name: "plugins", namespace: "default"),
            builds: [
                AssetBuild(url: "http://a/win.tgz", sha512: "AA", filters: ["entity.system.os == 'windows'"]),
                AssetBuild(
                    url: "http://a/arm.tgz", sha512: "BB",
                    filters: ["entity.system.os == 'linux'", "entity.system.arch == 'arm64'"]),
                AssetBuild(
                    url: "http://a/amd64.tgz", sha512: "CC",
                    filters: ["entity.system.os == 'linux'", "entity.name == 'web-1'"], headers: ["A": "b"]),
                AssetBuild(url: "http://a/any.tgz", sha512: "DD"),
            ], headers: ["A": "a", "C": "c"])
        let source = try AssetSource.select(for: asset, entity: Self.linuxEntity())
        #expect(
            source
                == AssetSource(
                    assetName: "plugins", url: "http://a/amd64.tgz", sha512: "cc", headers: ["A": "b", "C": "c"]))
    }

    @Test func secondPrepareReusesTheCache() async throws {
        let fixture = try await AssetFixture.make()
        defer { fixture.remove() }
        let server = TestHTTPServer(files: ["/hello.tar.gz": fixture.tarball])
        let cache = fixture.cacheDirectory()
        try await server.run { base in
            let asset = Self.asset("\(base)/hello.tar.gz", sha512: fixture.sha512)
            let manager = AssetManager(cacheDirectory: cache, logger: logger)
            let first = try await manager.prepare([asset], for: Self.linuxEntity())
            let second = try await manager.prepare([asset], for: Self.linuxEntity())
            // A new manager (an agent restart) finds the installed asset on disk too.
            let restarted = AssetManager(cacheDirectory: cache, logger: logger)
            let third = try await restarted.prepare([asset], for: Self.linuxEntity())
            #expect(first == second && second == third)
            #expect(await manager.downloadsStarted == 1)
            #expect(await restarted.downloadsStarted == 0)
        }
        #expect(server.requests(for: "/hello.tar.gz") == 1)
    }

    @Test func concurrentRequestsShareOneDownload() async throws {
        let fixture = try await AssetFixture.make()
        defer { fixture.remove() }
        let server = TestHTTPServer(files: ["/hello.tar.gz": fixture.tarball])
        let cache = fixture.cacheDirectory()
        let paths = try await server.run { base in
            let asset = Self.asset("\(base)/hello.tar.gz", sha512: fixture.sha512)
            let manager = AssetManager(cacheDirectory: cache, logger: logger)
            return try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        try await manager.prepare([asset], for: Self.linuxEntity()).assetDirectories[0].path
                    }
                }
                var collected: [String] = []
                for try await path in group { collected.append(path) }
                return collected
            }
        }
        #expect(Set(paths) == ["\(cache)/\(fixture.sha512)"] && paths.count == 6)
        #expect(server.requests(for: "/hello.tar.gz") == 1)
    }

    @Test func leftoverDirectoryWithoutMarkerIsReinstalled() async throws {
        let fixture = try await AssetFixture.make()
        defer { fixture.remove() }
        let server = TestHTTPServer(files: ["/hello.tar.gz": fixture.tarball])
        let cache = fixture.cacheDirectory()
        // A crash of an older install left a directory without the marker.
        try FileManager.default.createDirectory(atPath: "\(cache)/\(fixture.sha512)", withIntermediateDirectories: true)
        try await server.run { base in
            let manager = AssetManager(cacheDirectory: cache, logger: logger)
            _ = try await manager.prepare(
                [Self.asset("\(base)/hello.tar.gz", sha512: fixture.sha512)], for: Self.linuxEntity())
        }
        #expect(FileManager.default.fileExists(atPath: "\(cache)/\(fixture.sha512)/bin/hello"))
        #expect(server.requests(for: "/hello.tar.gz") == 1)
    }
}
