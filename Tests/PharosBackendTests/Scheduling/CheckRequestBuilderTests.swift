import PharosBackend
import PharosCore
import Testing

@Suite struct CheckRequestBuilderTests {
    static func asset(_ name: String) -> Asset {
        Asset(metadata: ObjectMeta(name: name, namespace: "default"), url: "http://x/\(name).tgz", sha512: "ab")
    }

    static func hook(_ name: String, assets: [String] = []) -> HookConfig {
        HookConfig(
            metadata: ObjectMeta(name: name, namespace: "default"), command: "ps aux", timeout: 5,
            runtimeAssets: assets)
    }

    @Test func assetsMatchByNamePrefixAndHooksByName() {
        let check = CheckConfig(
            metadata: ObjectMeta(name: "check-nginx", namespace: "default"), command: "check_http",
            interval: 10, publish: true, runtimeAssets: ["monitoring-plugins"], subscriptions: ["nginx"],
            checkHooks: [
                HookList(type: "critical", hooks: ["ps", "netstat"]), HookList(type: "non-zero", hooks: ["ps"]),
            ])
        let assets = [
            Self.asset("monitoring-plugins-debian"), Self.asset("monitoring-plugins"), Self.asset("other"),
            Self.asset("monitoring"),
        ]
        let hooks = [Self.hook("netstat", assets: ["other"]), Self.hook("ps"), Self.hook("unused")]
        let request = CheckRequestBuilder.request(for: check, assets: assets, hooks: hooks, issued: 1_764_400_000)
        #expect(request.config == check)
        #expect(request.issued == 1_764_400_000)
        #expect(request.assets.map(\.metadata.name) == ["monitoring-plugins-debian", "monitoring-plugins"])
        #expect(request.hooks.map(\.metadata.name) == ["ps", "netstat"])
        #expect(request.hookAssets["netstat"]?.assets.map(\.metadata.name) == ["other"])
        #expect(request.hookAssets["ps"] == nil)
    }

    @Test func noRuntimeAssetsMeansNoAssets() {
        let check = CheckConfig(metadata: ObjectMeta(name: "c", namespace: "default"), command: "true")
        let request = CheckRequestBuilder.request(for: check, assets: [Self.asset("a")], hooks: [], issued: 1)
        #expect(request.assets.isEmpty)
        #expect(request.hooks.isEmpty)
    }
}
