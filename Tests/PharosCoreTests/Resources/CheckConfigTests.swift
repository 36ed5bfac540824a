import Foundation
import PharosCore
import Testing

@Suite struct CheckConfigTests {
    @Test func minimalCheckEncodesLikeSensu() throws {
        let check = CheckConfig(
            metadata: ObjectMeta(name: "check-nginx", namespace: "default"), command: "check_http -H 127.0.0.1",
            interval: 10, publish: true)
        let expected = try TestJSON.tree(
            """
            {"command":"check_http -H 127.0.0.1","handlers":[],"high_flap_threshold":0,"interval":10,
             "low_flap_threshold":0,"publish":true,"runtime_assets":null,"subscriptions":[],"proxy_entity_name":"",
             "check_hooks":null,"stdin":false,"subdue":null,"ttl":0,"timeout":0,"round_robin":false,
             "output_metric_format":"","output_metric_handlers":null,"env_vars":null,
             "metadata":{"name":"check-nginx","namespace":"default"},"secrets":null,"pipelines":[]}
            """)
        #expect(try JSONValue(encoding: check) == expected)
    }

    @Test func appendixCheckRequestConfigDecodes() throws {
        let config = try TestJSON.decode(
            CheckConfig.self,
            """
            {"command":"check-disk","handlers":["slack"],"high_flap_threshold":0,"interval":60,"low_flap_threshold":0,
             "publish":true,"runtime_assets":["check-disk"],"subscriptions":["linux"],"proxy_entity_name":"",
             "check_hooks":[{"non-zero":["ps-aux"]}],"stdin":false,"subdue":null,"ttl":0,"timeout":30,
             "round_robin":false,"output_metric_format":"nagios_perfdata","output_metric_handlers":["influxdb"],
             "env_vars":null,"metadata":{"name":"check-disk","namespace":"default"},"secrets":null,"pipelines":[]}
            """)
        #expect(config.interval == 60)
        #expect(config.timeout == 30)
        #expect(config.checkHooks == [HookList(type: "non-zero", hooks: ["ps-aux"])])
        #expect(config.envVars.isEmpty)
        #expect(config.metadata == ObjectMeta(name: "check-disk", namespace: "default"))
        #expect(
            try JSONValue(encoding: config)["check_hooks"]
                == .array([.object(["non-zero": .array([.string("ps-aux")])])]))
    }

    @Test func missingFieldsTakeGoZeroValues() throws {
        let config = try TestJSON.decode(CheckConfig.self, #"{"handlers":null,"interval":5}"#)
        #expect(config == CheckConfig(interval: 5))
    }

    @Test func optionalFieldsAreEmittedWhenSet() throws {
        let check = CheckConfig(
            metadata: ObjectMeta(name: "c"), cron: "@every 1m",
            proxyRequests: ProxyRequests(splay: true, splayCoverage: 90),
            maxOutputSize: 1024, discardOutput: true, outputMetricTags: [MetricTag(name: "env", value: "prod")],
            pipelines: [ResourceReference(name: "p", type: "", apiVersion: "")])
        let tree = try JSONValue(encoding: check)
        #expect(tree["cron"] == .string("@every 1m"))
        #expect(tree["max_output_size"] == .number(1024))
        #expect(tree["discard_output"] == .bool(true))
        #expect(
            tree["proxy_requests"]
                == (try TestJSON.tree(#"{"entity_attributes":null,"splay":true,"splay_coverage":90}"#)))
        #expect(tree["output_metric_tags"] == (try TestJSON.tree(#"[{"name":"env","value":"prod"}]"#)))
        #expect(tree["pipelines"] == (try TestJSON.tree(#"[{"name":"p","type":"Pipeline","api_version":"core/v2"}]"#)))
        #expect(tree["scheduler"] == nil)
        #expect(try tree.decode(CheckConfig.self).pipelines == [ResourceReference(name: "p", type: "Pipeline")])
    }

    @Test func wrongTypeIsAnError() {
        #expect(throws: DecodingError.self) {
            try TestJSON.decode(CheckConfig.self, #"{"interval":"ten"}"#)
        }
    }
}
