import PharosCore
import Testing

@Suite struct AssetEnvironmentTests {
    @Test(arguments: [
        ("sensu/http-checks", "SENSU_HTTP_CHECKS_PATH"),
        ("monitoring-plugins-debian", "MONITORING_PLUGINS_DEBIAN_PATH"),
        ("a.b:c2", "A_B_C2_PATH"),
    ])
    func pathVariableNames(_ asset: String, expected: String) {
        #expect(AssetEnvironment.pathVariable(forAsset: asset) == expected)
    }

    @Test func prependsDirectoriesInOrder() {
        let environment = AssetEnvironment(assetDirectories: [
            (name: "plugins", path: "/cache/aa"), (name: "handler", path: "/cache/bb"),
        ])
        let applied = environment.applied(to: ["PATH": "/usr/bin:/bin", "HOME": "/root"])
        #expect(applied["PATH"] == "/cache/aa/bin:/cache/bb/bin:/usr/bin:/bin")
        #expect(applied["LD_LIBRARY_PATH"] == "/cache/aa/lib:/cache/bb/lib")
        #expect(applied["CPATH"] == "/cache/aa/include:/cache/bb/include")
        #expect(applied["PLUGINS_PATH"] == "/cache/aa")
        #expect(applied["HANDLER_PATH"] == "/cache/bb")
        #expect(applied["HOME"] == "/root")
    }

    @Test func noAssetsLeavesEnvironmentAlone() {
        #expect(AssetEnvironment().applied(to: ["PATH": "/bin"]) == ["PATH": "/bin"])
    }
}
