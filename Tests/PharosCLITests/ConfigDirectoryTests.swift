import Foundation
import PharosCLI
import Testing

/// The `cluster` and `profile` files: round trip, JSON keys, mode 0600, default location.
@Suite struct ConfigDirectoryTests {
    @Test func clusterAndProfileRoundTripWithOwnerOnlyPermissions() throws {
        let root = try CtlProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = ConfigDirectory(url: root.appendingPathComponent("nested/pharosctl"))
        #expect(try directory.loadCluster() == nil)
        #expect(try directory.loadProfile() == nil)

        let cluster = ClusterConfig(
            apiURL: "http://127.0.0.1:8080", accessToken: "a1", refreshToken: "r1", expiresAt: 1_767_225_900)
        let profile = ProfileConfig(namespace: "webinar", format: .yaml)
        try directory.save(cluster)
        try directory.save(profile)
        #expect(try directory.loadCluster() == cluster)
        #expect(try directory.loadProfile() == profile)

        for name in ["cluster", "profile"] {
            let path = directory.url.appendingPathComponent(name).path
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600, "\(name) mode")
        }
        let clusterJSON = try String(contentsOf: directory.url.appendingPathComponent("cluster"), encoding: .utf8)
        #expect(
            clusterJSON == """
                {
                  "access_token" : "a1",
                  "api_url" : "http://127.0.0.1:8080",
                  "expires_at" : 1767225900,
                  "insecure_skip_tls_verify" : false,
                  "refresh_token" : "r1",
                  "timeout" : 15,
                  "trusted_ca_file" : ""
                }

                """)
        let profileJSON = try String(contentsOf: directory.url.appendingPathComponent("profile"), encoding: .utf8)
        #expect(
            profileJSON == "{\n  \"format\" : \"yaml\",\n  \"namespace\" : \"webinar\",\n  \"username\" : \"\"\n}\n")

        // Files written before the TLS, timeout and username fields existed still load, with defaults.
        let old = root.appendingPathComponent("old")
        try FileManager.default.createDirectory(at: old, withIntermediateDirectories: true)
        try #"{"access_token":"a","api_url":"http://x","expires_at":5,"refresh_token":"r"}"#.write(
            to: old.appendingPathComponent("cluster"), atomically: true, encoding: .utf8)
        try #"{"format":"json","namespace":"dev"}"#.write(
            to: old.appendingPathComponent("profile"), atomically: true, encoding: .utf8)
        let oldCluster = try #require(try ConfigDirectory(url: old).loadCluster())
        #expect(oldCluster.timeoutSeconds == 15)
        #expect(oldCluster.trustedCAFile == "")
        #expect(try ConfigDirectory(url: old).loadProfile() == ProfileConfig(namespace: "dev", format: .json))

        // Rewriting a shorter file leaves no trailing bytes of the old one.
        try directory.save(ClusterConfig(apiURL: "http://h", accessToken: "b", refreshToken: "c", expiresAt: 1))
        #expect(try directory.loadCluster()?.apiURL == "http://h")
    }

    @Test func unreadableFileNamesThePath() throws {
        let root = try CtlProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("{not json".utf8).write(to: root.appendingPathComponent("cluster"))
        let error = #expect(throws: CLIError.self) { try ConfigDirectory(url: root).loadCluster() }
        #expect(error?.description.hasPrefix("cannot read \(root.path)/cluster: ") == true)
    }

    @Test(arguments: [
        (nil as String?, ["PHAROSCTL_CONFIG_DIR": "/etc/x", "HOME": "/home/u"], "/etc/x"),
        ("/tmp/explicit", ["PHAROSCTL_CONFIG_DIR": "/etc/x"], "/tmp/explicit"),
        (nil, ["HOME": "/home/u"], "/home/u/.config/pharos/pharosctl"),
    ])
    func defaultDirectory(explicit: String?, environment: [String: String], expected: String) {
        #expect(ConfigDirectory.resolve(explicit: explicit, environment: environment).url.path == expected)
    }
}
