import PharosCore

extension StoreConformance {
    static var entityAndEventChecks: [ConformanceCheck] {
        [
            ConformanceCheck("entity: config without state lists with an empty state") { store in
                try await store.putEntityConfig(
                    EntityConfig(metadata: ObjectMeta(name: "nginx-0", namespace: "webinar")))
                let bare = try await store.entities(namespace: "webinar")
                try expect(bare.count == 1 && bare.first?.lastSeen == 0, "entity without state", "got \(bare)")
            },
            ConformanceCheck("entity: list joins config and state") { store in
                let meta = ObjectMeta(name: "nginx-0", namespace: "webinar")
                var config = EntityConfig(metadata: meta)
                config.entityClass = "agent"
                config.subscriptions = ["nginx", "entity:nginx-0"]
                try await store.putEntityConfig(config)
                try await store.putEntityState(EntityState(metadata: meta, lastSeen: 1_700_000_000))
                let joined = try await store.entities(namespace: nil)
                try expect(joined.first?.lastSeen == 1_700_000_000, "joins state", "got \(joined)")
                try expect(joined.first?.subscriptions == ["nginx", "entity:nginx-0"], "joins config", "got \(joined)")
                let state = try await store.entityState(namespace: "webinar", name: "nginx-0")
                try expect(state?.lastSeen == 1_700_000_000, "get state", "got \(String(describing: state))")
            },
            ConformanceCheck("entity: put replaces the config") { store in
                let meta = ObjectMeta(name: "web-1", namespace: "default")
                try await store.putEntityConfig(EntityConfig(metadata: meta, subscriptions: ["a"]))
                try await store.putEntityConfig(EntityConfig(metadata: meta, subscriptions: ["b"]))
                let config = try await store.entityConfig(namespace: "default", name: "web-1")
                try expect(config?.subscriptions == ["b"], "replace config", "got \(String(describing: config))")
            },
            ConformanceCheck("entity: delete removes state, events and deadlines") { store in
                let meta = ObjectMeta(name: "nginx-0", namespace: "default")
                try await store.putEntityConfig(EntityConfig(metadata: meta))
                try await store.putEntityState(EntityState(metadata: meta, lastSeen: 5))
                try await store.putEvent(event("nginx-0", "check-nginx"))
                try await store.putEvent(event("nginx-1", "check-nginx"))
                try await store.putDeadline(deadline("nginx-0", expiresAt: 100))
                try await store.putDeadline(deadline("nginx-0", check: "backup", kind: .ttl, expiresAt: 100))
                try await store.putDeadline(deadline("nginx-1", expiresAt: 100))
                let removed = try await store.deleteEntity(namespace: "default", name: "nginx-0")
                let again = try await store.deleteEntity(namespace: "default", name: "nginx-0")
                try expect(removed && !again, "delete entity", "\(removed), \(again)")
                let events = try await store.events(namespace: nil, entity: nil).map(eventKey)
                try expect(events == ["nginx-1/check-nginx"], "its events go", "left \(events)")
                let state = try await store.entityState(namespace: "default", name: "nginx-0")
                try expect(state == nil, "its state goes", "state left")
                let keepalives = try await store.deadlines(.keepalive).map(\.entity)
                let ttls = try await store.deadlines(.ttl)
                try expect(keepalives == ["nginx-1"] && ttls.isEmpty, "its deadlines go", "\(keepalives), \(ttls)")
            },
            ConformanceCheck("event: latest per key, sorted by namespace, entity, check") { store in
                try await store.putEvent(event("web-2", "disk"))
                try await store.putEvent(event("web-1", "load"))
                try await store.putEvent(event("web-1", "disk", status: 1))
                try await store.putEvent(event("web-1", "disk", status: 2))
                try await store.putEvent(event("web-0", "disk", namespace: "zeta"))
                let keys = try await store.events(namespace: nil, entity: nil).map {
                    "\($0.metadata.namespace):\(eventKey($0))=\($0.check?.status ?? 99)"
                }
                try expect(
                    keys == [
                        "default:web-1/disk=2", "default:web-1/load=0", "default:web-2/disk=0", "zeta:web-0/disk=0",
                    ],
                    "latest per key", "\(keys)")
                let one = try await store.event(namespace: "default", entity: "web-1", check: "disk")
                try expect(one?.check?.status == 2, "get event", "got \(String(describing: one?.check?.status))")
            },
            ConformanceCheck("event: lists filter by namespace and entity") { store in
                try await store.putEvent(event("web-1", "disk"))
                try await store.putEvent(event("web-2", "disk"))
                try await store.putEvent(event("web-1", "disk", namespace: "other"))
                let byEntity = try await store.events(namespace: "default", entity: "web-1").count
                let acrossNamespaces = try await store.events(namespace: nil, entity: "web-1").count
                try expect(byEntity == 1 && acrossNamespaces == 2, "filters", "\(byEntity), \(acrossNamespaces)")
            },
            ConformanceCheck("event: metrics-only events are refused") { store in
                var metricsOnly = event("web-1", "x")
                metricsOnly.check = nil
                metricsOnly.metrics = Metrics()
                try await expectError(.invalid, "metrics-only refused") { try await store.putEvent(metricsOnly) }
                let stored = try await store.events(namespace: nil, entity: nil)
                try expect(stored.isEmpty, "metrics-only refused", "stored \(stored.count)")
            },
            ConformanceCheck("event: delete reports existence") { store in
                try await store.putEvent(event("web-1", "load"))
                try await store.putEvent(event("web-1", "disk"))
                let deleted = try await store.deleteEvent(namespace: "default", entity: "web-1", check: "load")
                let again = try await store.deleteEvent(namespace: "default", entity: "web-1", check: "load")
                let remaining = try await store.events(namespace: nil, entity: "web-1").count
                try expect(deleted && !again && remaining == 1, "delete event", "\(deleted) \(again) \(remaining)")
            },
        ]
    }

    static var settingChecks: [ConformanceCheck] {
        [
            ConformanceCheck("setting: missing, stored, replaced, deleted") { store in
                let before = try await store.setting("jwt.secret")
                try await store.putSetting("jwt.secret", value: "abc")
                try await store.putSetting("jwt.secret", value: "def")
                let after = try await store.setting("jwt.secret")
                try expect(
                    before == nil && after == "def", "replace",
                    "\(String(describing: before)), \(String(describing: after))")
                let deleted = try await store.deleteSetting("jwt.secret")
                let again = try await store.deleteSetting("jwt.secret")
                let gone = try await store.setting("jwt.secret")
                try expect(deleted && !again && gone == nil, "delete", "\(deleted), \(again)")
            },
            ConformanceCheck("setting: create-if-absent keeps the first value") { store in
                let first = try await store.createSettingIfAbsent("seed", value: "one")
                let second = try await store.createSettingIfAbsent("seed", value: "two")
                let stored = try await store.setting("seed")
                try expect(first == "one" && second == "one" && stored == "one", "first wins", "\(first) \(second)")
            },
            ConformanceCheck("setting: create-if-absent race has one winner that everyone sees") { store in
                let results = try await withThrowingTaskGroup(of: String.self) { group in
                    for index in 0..<64 {
                        group.addTask { try await store.createSettingIfAbsent("auth.secret", value: "value-\(index)") }
                    }
                    var results: [String] = []
                    for try await result in group { results.append(result) }
                    return results
                }
                let winners = Set(results)
                let stored = try await store.setting("auth.secret")
                try expect(
                    winners.count == 1 && results.count == 64 && stored == winners.first, "one winner",
                    "\(winners.count) winners, stored \(String(describing: stored))")
            },
        ]
    }
}
