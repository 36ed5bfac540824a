import Foundation
import PharosCore

/// Resources for the renderer tests, decoded from bare JSON as the API sends them.
enum Samples {
    static func decode<R: Decodable>(_ type: R.Type, _ json: String) throws -> R {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    static func entities() throws -> [Entity] {
        [
            try decode(
                Entity.self,
                #"""
                {"metadata": {"name": "pod-1", "namespace": "webinar"}, "entity_class": "agent",
                 "system": {"os": "linux"}, "subscriptions": ["linux", "nginx", "entity:pod-1"],
                 "last_seen": 1767225600}
                """#),
            try decode(
                Entity.self,
                #"{"metadata": {"name": "proxy-a", "namespace": "webinar"}, "entity_class": "proxy"}"#),
        ]
    }

    static func events() throws -> [Event] {
        [
            try decode(
                Event.self,
                #"""
                {"timestamp": 1767225610, "id": "3c7fd2b4-1d2e-4b4a-9d43-8f9a3c2b1a00",
                 "entity": {"metadata": {"name": "pod-1", "namespace": "webinar"}, "entity_class": "agent"},
                 "check": {"metadata": {"name": "check-nginx", "namespace": "webinar"}, "status": 0,
                   "output": "HTTP OK: HTTP/1.1 200 OK - 612 bytes in 0.001 second response time |time=0.000612s\n"},
                 "metadata": {"namespace": "webinar"}}
                """#)
        ]
    }

    static func handlers() throws -> [Handler] {
        [
            try decode(
                Handler.self,
                #"""
                {"metadata": {"name": "influxdb", "namespace": "webinar"}, "type": "pipe",
                 "command": "pharos-influxdb-handler -d sensu", "timeout": 10, "filters": ["has_metrics"],
                 "mutator": "metric-tag-enrichment", "env_vars": ["INFLUXDB_ADDR=http://127.0.0.1:8086"],
                 "runtime_assets": ["influxdb-handler"]}
                """#),
            try decode(
                Handler.self,
                #"""
                {"metadata": {"name": "graphite", "namespace": "webinar"}, "type": "tcp",
                 "socket": {"host": "10.0.0.5", "port": 2003}}
                """#),
        ]
    }

    static func assets() throws -> [Asset] {
        [
            try decode(
                Asset.self,
                #"""
                {"metadata": {"name": "monitoring-plugins-debian", "namespace": "webinar"},
                 "url": "http://127.0.0.1:9000/monitoring-plugins-debian.tar.gz",
                 "sha512": "632366d0d55bd79762a71ef4e3209bcf6a499b6449ef6cb9471712e7799d3f68"}
                """#)
        ]
    }

    static func checks() throws -> [CheckConfig] {
        [
            try decode(
                CheckConfig.self,
                #"""
                {"metadata": {"name": "check-nginx", "namespace": "webinar"}, "command": "check_http -H 127.0.0.1 -N",
                 "interval": 10, "timeout": 10, "publish": true, "subscriptions": ["nginx"],
                 "runtime_assets": ["monitoring-plugins-alpine", "monitoring-plugins-centos", "monitoring-plugins-debian"],
                 "output_metric_format": "nagios_perfdata", "output_metric_handlers": ["influxdb"],
                 "check_hooks": [{"critical": ["restart-nginx"]}]}
                """#)
        ]
    }
}
