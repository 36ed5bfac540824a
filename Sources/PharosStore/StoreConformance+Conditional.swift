import PharosCore

extension StoreConformance {
    static var conditionalChecks: [ConformanceCheck] {
        [
            ConformanceCheck("cas: the expected version replaces and returns the new version") { store in
                let original = check("a", interval: 10)
                try await store.putResource(original)
                let updated = check("a", interval: 20)
                let version = try await store.replaceResource(updated, expectedVersion: ResourceVersion.of(original))
                let stored = try await store.resource(CheckConfig.self, namespace: "default", name: "a")
                try expect(
                    stored == updated && version == ResourceVersion.of(updated), "cas succeeds",
                    "stored \(String(describing: stored?.interval)), version \(version)")
            },
            ConformanceCheck("cas: a stale version is a conflict and stores nothing") { store in
                try await store.putResource(check("a", interval: 10))
                try await expectError(.conflict, "stale version") {
                    try await store.replaceResource(
                        check("a", interval: 30), expectedVersion: ResourceVersion.of(check("a", interval: 99)))
                }
                let stored = try await store.resource(CheckConfig.self, namespace: "default", name: "a")
                try expect(stored?.interval == 10, "nothing stored", "interval \(String(describing: stored?.interval))")
            },
            ConformanceCheck("cas: nil expects absence") { store in
                try await store.replaceResource(check("a"), expectedVersion: nil)
                try await expectError(.conflict, "exists already") {
                    try await store.replaceResource(check("a", interval: 5), expectedVersion: nil)
                }
                try await expectError(.conflict, "absent is not a version") {
                    try await store.replaceResource(check("b"), expectedVersion: ResourceVersion.of(check("b")))
                }
                let names = try await store.resources(CheckConfig.self, namespace: nil).map(\.metadata.name)
                try expect(names == ["a"], "only the absent one was created", "\(names)")
            },
            ConformanceCheck("cas: of concurrent updates from one version exactly one wins") { store in
                let original = check("contended", interval: 1)
                try await store.putResource(original)
                let version = ResourceVersion.of(original)
                let outcomes = await withTaskGroup(of: UInt32?.self) { group in
                    for interval in 2...33 {
                        group.addTask {
                            do {
                                try await store.replaceResource(
                                    check("contended", interval: UInt32(interval)), expectedVersion: version)
                                return UInt32(interval)
                            } catch {
                                return nil
                            }
                        }
                    }
                    var winners: [UInt32] = []
                    for await outcome in group { if let outcome { winners.append(outcome) } }
                    return winners
                }
                let stored = try await store.resource(CheckConfig.self, namespace: "default", name: "contended")
                try expect(
                    outcomes.count == 1 && stored?.interval == outcomes.first, "one winner",
                    "winners \(outcomes), stored \(String(describing: stored?.interval))")
            },
        ]
    }

    static var deadlineChecks: [ConformanceCheck] {
        [
            ConformanceCheck("deadline: put, get, list, replace") { store in
                try await store.putDeadline(deadline("web-2", expiresAt: 200))
                try await store.putDeadline(deadline("web-1", expiresAt: 100))
                try await store.putDeadline(
                    deadline("web-1", check: "backup", kind: .ttl, expiresAt: 300, interval: 60))
                try await store.putDeadline(deadline("web-2", expiresAt: 250))
                let keepalives = try await store.deadlines(.keepalive).map { "\($0.entity)@\($0.expiresAt)" }
                try expect(keepalives == ["web-1@100.0", "web-2@250.0"], "list keepalive rows", "\(keepalives)")
                let ttl = try await store.deadline(.ttl, namespace: "default", entity: "web-1", check: "backup")
                try expect(
                    ttl == deadline("web-1", check: "backup", kind: .ttl, expiresAt: 300, interval: 60), "get ttl row",
                    "\(String(describing: ttl))")
            },
            ConformanceCheck("deadline: delete by entity or by check") { store in
                for check in ["a", "b", "c"] {
                    try await store.putDeadline(deadline("web-1", check: check, kind: .ttl, expiresAt: 1))
                }
                try await store.putDeadline(deadline("web-1", expiresAt: 1))
                let one = try await store.deleteDeadlines(.ttl, namespace: "default", entity: "web-1", check: "a")
                let rest = try await store.deleteDeadlines(.ttl, namespace: "default", entity: "web-1", check: nil)
                let keepalive = try await store.deadlines(.keepalive).count
                try expect(one == 1 && rest == 2 && keepalive == 1, "delete", "\(one), \(rest), \(keepalive)")
            },
            ConformanceCheck("deadline: claim takes expired rows earliest first, up to the limit, and moves them") {
                store in
                try await store.putDeadline(deadline("late", expiresAt: 105))
                try await store.putDeadline(deadline("early", expiresAt: 90))
                try await store.putDeadline(deadline("middle", expiresAt: 100))
                try await store.putDeadline(deadline("future", expiresAt: 200))
                try await store.putDeadline(deadline("other-kind", check: "c", kind: .ttl, expiresAt: 1))
                let first = try await store.claimExpired(kind: .keepalive, now: 105, owner: "backend-b", limit: 2)
                try expect(first.map(\.entity) == ["early", "middle"], "earliest first", "\(first.map(\.entity))")
                try expect(
                    first.map(\.expiresAt) == [115, 110]
                        && first.allSatisfy { $0.owner == "backend-b" && $0.expiries == 1 },
                    "moved", "\(first)")
                let second = try await store.claimExpired(kind: .keepalive, now: 105, owner: "backend-b", limit: 10)
                try expect(second.map(\.entity) == ["late"], "rest", "\(second.map(\.entity))")
                let third = try await store.claimExpired(kind: .keepalive, now: 105, owner: "backend-b", limit: 10)
                try expect(third.isEmpty, "claimed once", "\(third.map(\.entity))")
                let stored = try await store.deadline(.keepalive, namespace: "default", entity: "early", check: "")
                try expect(
                    stored?.expiresAt == 115 && stored?.owner == "backend-b", "persisted",
                    "\(String(describing: stored))")
                // A deadline long past is re-armed from now, not from itself.
                try await store.putDeadline(deadline("stale", expiresAt: 10))
                let stale = try await store.claimExpired(kind: .keepalive, now: 500, owner: "backend-b", limit: 1)
                try expect(stale.first?.expiresAt == 510, "re-armed from now", "\(stale)")
            },
            ConformanceCheck("deadline: two owners claiming concurrently get each expiry exactly once") { store in
                for index in 0..<200 {
                    try await store.putDeadline(deadline("web-\(index)", expiresAt: Double(index % 7)))
                }
                let claims = try await withThrowingTaskGroup(of: [String].self) { group in
                    for owner in ["backend-a", "backend-b"] {
                        group.addTask {
                            var mine: [String] = []
                            while true {
                                let batch = try await store.claimExpired(
                                    kind: .keepalive, now: 100, owner: owner, limit: 7)
                                if batch.isEmpty { return mine }
                                mine += batch.map(\.entity)
                            }
                        }
                    }
                    var all: [String] = []
                    for try await claimed in group { all += claimed }
                    return all
                }
                try expect(
                    claims.count == 200 && Set(claims).count == 200, "each row once",
                    "\(claims.count) claims of \(Set(claims).count) rows")
            },
        ]
    }
}
