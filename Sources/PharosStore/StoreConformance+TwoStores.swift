import PharosCore

extension StoreConformance {
    /// Checks for two store instances on one database (acceptance of issue #12: create-if-absent, CAS and
    /// claim-once with two concurrent writers in one process).
    public static var twoStoreChecks: [TwoStoreCheck] {
        [
            TwoStoreCheck("two stores: create-if-absent race has one winner") { first, second in
                let results = try await withThrowingTaskGroup(of: String.self) { group in
                    for index in 0..<40 {
                        let store = index % 2 == 0 ? first : second
                        group.addTask {
                            try await store.createSettingIfAbsent("auth.jwt_secret", value: "secret-\(index)")
                        }
                    }
                    var results: [String] = []
                    for try await result in group { results.append(result) }
                    return results
                }
                let fromFirst = try await first.setting("auth.jwt_secret")
                let fromSecond = try await second.setting("auth.jwt_secret")
                try expect(
                    Set(results).count == 1 && fromFirst == results.first && fromSecond == fromFirst, "one winner",
                    "\(Set(results).count) winners")
            },
            TwoStoreCheck("two stores: compare-and-swap lets one of two updates win") { first, second in
                let original = check("shared", interval: 1)
                try await first.putResource(original)
                let version = ResourceVersion.of(original)
                let outcomes = await withTaskGroup(of: Bool.self) { group in
                    for index in 0..<20 {
                        let store = index % 2 == 0 ? first : second
                        group.addTask {
                            (try? await store.replaceResource(
                                check("shared", interval: UInt32(index + 2)), expectedVersion: version)) != nil
                        }
                    }
                    var wins = 0
                    for await won in group where won { wins += 1 }
                    return wins
                }
                try expect(outcomes == 1, "one winner", "\(outcomes) winners")
            },
            TwoStoreCheck("two stores: each expired row is claimed exactly once") { first, second in
                for index in 0..<120 {
                    try await first.putDeadline(deadline("web-\(index)", expiresAt: Double(index % 5)))
                }
                let claims = try await withThrowingTaskGroup(of: [String].self) { group in
                    for (owner, store) in [("backend-a", first), ("backend-b", second)] {
                        group.addTask {
                            var mine: [String] = []
                            while true {
                                let batch = try await store.claimExpired(
                                    kind: .keepalive, now: 50, owner: owner, limit: 5)
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
                    claims.count == 120 && Set(claims).count == 120, "each once",
                    "\(claims.count) claims of \(Set(claims).count) rows")
                let owners = Set(try await second.deadlines(.keepalive).map(\.owner))
                try expect(owners.isSubset(of: ["backend-a", "backend-b"]), "owners moved", "\(owners)")
            },
        ]
    }
}
