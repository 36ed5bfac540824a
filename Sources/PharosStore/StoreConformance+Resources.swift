import PharosCore

extension StoreConformance {
    static var resourceChecks: [ConformanceCheck] {
        [
            ConformanceCheck("resource: create then get") { store in
                let created = check("check-nginx", namespace: "webinar")
                try await store.createResource(created)
                let fetched = try await store.resource(CheckConfig.self, namespace: "webinar", name: "check-nginx")
                try expect(fetched == created, "get after create", "got \(String(describing: fetched))")
            },
            ConformanceCheck("resource: create twice is alreadyExists") { store in
                try await store.createResource(check("a"))
                try await expectError(.alreadyExists, "create twice") { try await store.createResource(check("a")) }
            },
            ConformanceCheck("resource: namespaces are separate") { store in
                try await store.createResource(check("a", namespace: "webinar"))
                let other = try await store.resource(CheckConfig.self, namespace: "default", name: "a")
                try expect(other == nil, "namespaces are separate", "found in another namespace")
            },
            ConformanceCheck("resource: put replaces") { store in
                try await store.putResource(check("a", interval: 10))
                try await store.putResource(check("a", interval: 30))
                let after = try await store.resource(CheckConfig.self, namespace: "default", name: "a")
                try expect(after?.interval == 30, "put replaces", "interval \(String(describing: after?.interval))")
            },
            ConformanceCheck("resource: lists sorted by namespace then name") { store in
                for (name, namespace) in [("b", "default"), ("a", "webinar"), ("c", "default"), ("a", "default")] {
                    try await store.putResource(check(name, namespace: namespace))
                }
                let all = try await store.resources(CheckConfig.self, namespace: nil).map {
                    "\($0.metadata.namespace)/\($0.metadata.name)"
                }
                try expect(all == ["default/a", "default/b", "default/c", "webinar/a"], "sorted", "got \(all)")
                let one = try await store.resources(CheckConfig.self, namespace: "webinar").map(\.metadata.name)
                try expect(one == ["a"], "one namespace", "got \(one)")
            },
            ConformanceCheck("resource: cluster-wide types ignore the namespace") { store in
                try await store.putResource(Namespace(name: "webinar"))
                let found = try await store.resource(Namespace.self, namespace: "ignored", name: "webinar")
                try expect(found?.name == "webinar", "cluster-wide", "not found")
            },
            ConformanceCheck("resource: types are separate") { store in
                try await store.putResource(check("same"))
                try await store.putResource(Handler(metadata: ObjectMeta(name: "same", namespace: "default")))
                let checks = try await store.resources(CheckConfig.self, namespace: nil).count
                let handlers = try await store.resources(Handler.self, namespace: nil).count
                try expect(checks == 1 && handlers == 1, "types are separate", "\(checks) checks, \(handlers) handlers")
            },
            ConformanceCheck("resource: delete reports existence") { store in
                try await store.putResource(check("a"))
                let deleted = try await store.deleteResource(.checkConfig, namespace: "default", name: "a")
                let again = try await store.deleteResource(.checkConfig, namespace: "default", name: "a")
                let left = try await store.resource(CheckConfig.self, namespace: "default", name: "a")
                try expect(
                    deleted && !again && left == nil, "delete", "\(deleted), \(again), \(String(describing: left))")
            },
            ConformanceCheck("resource: every field round-trips") { store in
                var full = check("full")
                full.metadata.labels = ["region": "eu-west", "tier": "ü"]
                full.metadata.annotations = ["note": "line\nbreak \"quoted\""]
                full.subscriptions = ["linux", "entity:web-1"]
                full.ttl = 90
                try await store.putResource(full)
                let back = try await store.resource(CheckConfig.self, namespace: "default", name: "full")
                try expect(back == full, "round trip", "got \(String(describing: back))")
            },
            ConformanceCheck("resource: unicode names keep UTF-8 byte order") { store in
                let names = ["zebra", "café", "日本語", "Ångström", "a b", "cafe", "ß", "😀"]
                for name in names { try await store.putResource(check(name)) }
                let listed = try await store.resources(CheckConfig.self, namespace: "default").map(\.metadata.name)
                let expected = names.sorted { StoreKey.precedes($0, $1) }
                try expect(listed == expected, "unicode order", "got \(listed), expected \(expected)")
                for name in names {
                    let back = try await store.resource(CheckConfig.self, namespace: "default", name: name)
                    try expect(back?.metadata.name == name, "unicode get", "\(name) not found")
                }
            },
            ConformanceCheck("resource: concurrent writers to one key leave one whole value") { store in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for interval in 1...50 {
                        group.addTask { try await store.putResource(check("contended", interval: UInt32(interval))) }
                    }
                    try await group.waitForAll()
                }
                let all = try await store.resources(CheckConfig.self, namespace: "default")
                try expect(all.count == 1, "one row", "\(all.count) rows")
                let interval = all.first?.interval ?? 0
                try expect(
                    (1...50).contains(interval) && all.first == check("contended", interval: interval),
                    "whole value", "got \(String(describing: all.first))")
            },
        ]
    }
}
