import PharosCore

extension StoreConformance {
    /// Pages through resources `limit` at a time; returns every name seen, in order.
    static func allPages(
        _ store: any Store, limit: Int, matching: @escaping @Sendable (CheckConfig) -> Bool = { _ in true }
    )
        async throws -> [String]
    {
        var names: [String] = []
        var cursor: String?
        var pages = 0
        repeat {
            let page = try await store.resourcePage(
                CheckConfig.self, namespace: "default", after: cursor, limit: limit, matching: matching)
            try expect(limit == 0 || page.items.count <= limit, "page size", "\(page.items.count) > \(limit)")
            names += page.items.map(\.metadata.name)
            cursor = page.next
            pages += 1
            try expect(pages < 10_000, "paging ends", "more than 10,000 pages")
        } while cursor != nil
        return names
    }

    static var pagingChecks: [ConformanceCheck] {
        [
            ConformanceCheck("page: resources in key order, limit at a time, last page has no cursor") { store in
                let names = (0..<25).map { "check-\(String($0 + 100))" }
                for name in names.shuffled() { try await store.putResource(check(name)) }
                try await store.putResource(check("elsewhere", namespace: "webinar"))
                let paged = try await allPages(store, limit: 4)
                try expect(paged == names, "all pages", "\(paged)")
                let whole = try await store.resourcePage(
                    CheckConfig.self, namespace: "default", after: nil, limit: 0, matching: { _ in true })
                try expect(whole.items.count == 25 && whole.next == nil, "limit 0 is all", "\(whole.items.count)")
                let exact = try await store.resourcePage(
                    CheckConfig.self, namespace: "default", after: nil, limit: 25, matching: { _ in true })
                try expect(exact.next == nil, "an exact fit has no next page", "next \(String(describing: exact.next))")
                let across = try await store.resourcePage(
                    CheckConfig.self, namespace: nil, after: nil, limit: 0, matching: { _ in true })
                try expect(across.items.count == 26, "all namespaces", "\(across.items.count)")
            },
            ConformanceCheck("page: a filter is applied before the limit") { store in
                for index in 0..<40 {
                    try await store.putResource(check("c-\(String(index + 10))", interval: UInt32(index % 4)))
                }
                let matching = try await allPages(store, limit: 3) { $0.interval == 1 }
                let expected = (0..<40).filter { $0 % 4 == 1 }.map { "c-\(String($0 + 10))" }
                try expect(matching == expected, "filtered pages", "\(matching)")
            },
            ConformanceCheck("page: the cursor is a key, so a listing resumes after a deleted item") { store in
                for name in ["a", "b", "c", "d"] { try await store.putResource(check(name)) }
                let first = try await store.resourcePage(
                    CheckConfig.self, namespace: "default", after: nil, limit: 2, matching: { _ in true })
                _ = try await store.deleteResource(.checkConfig, namespace: "default", name: "b")
                let second = try await store.resourcePage(
                    CheckConfig.self, namespace: "default", after: first.next, limit: 2, matching: { _ in true })
                try expect(
                    first.next == StoreKey.make("default", "b") && second.items.map(\.metadata.name) == ["c", "d"],
                    "resume after key", "\(String(describing: first.next)), \(second.items.map(\.metadata.name))")
            },
            ConformanceCheck("page: under concurrent writes no duplicate and no miss of rows present throughout") {
                store in
                let stable = (0..<60).map { "stable-\(String($0 + 100))" }
                for name in stable { try await store.putResource(check(name)) }
                let seen = try await withThrowingTaskGroup(of: [String]?.self) { group in
                    group.addTask {
                        for round in 0..<120 {
                            try await store.putResource(
                                check("churn-\(String(round % 30 + 100))", interval: UInt32(round)))
                            if round % 3 == 0 {
                                _ = try await store.deleteResource(
                                    .checkConfig, namespace: "default", name: "churn-\(String((round + 7) % 30 + 100))")
                            }
                        }
                        return nil
                    }
                    group.addTask { try await allPages(store, limit: 7) }
                    var seen: [String] = []
                    for try await result in group { if let result { seen = result } }
                    return seen
                }
                try expect(Set(seen).count == seen.count, "no duplicate", "\(seen.count - Set(seen).count) duplicates")
                let missing = Set(stable).subtracting(seen)
                try expect(missing.isEmpty, "no miss", "missing \(missing.sorted())")
                try expect(seen == seen.sorted { StoreKey.precedes($0, $1) }, "in order", "\(seen)")
            },
            ConformanceCheck("page: entities and events page by their keys") { store in
                for index in 0..<9 {
                    let meta = ObjectMeta(name: "web-\(index)", namespace: "default")
                    try await store.putEntityConfig(
                        EntityConfig(metadata: meta, entityClass: index % 2 == 0 ? "agent" : "proxy"))
                    try await store.putEntityState(EntityState(metadata: meta, lastSeen: Int64(index)))
                    try await store.putEvent(event("web-\(index / 3)", "check-\(index % 3)"))
                }
                var entities: [String] = []
                var cursor: String?
                repeat {
                    let page = try await store.entityPage(
                        namespace: "default", after: cursor, limit: 2, matching: { $0.entityClass == "agent" })
                    entities += page.items.map { "\($0.metadata.name)@\($0.lastSeen)" }
                    cursor = page.next
                } while cursor != nil
                try expect(
                    entities == ["web-0@0", "web-2@2", "web-4@4", "web-6@6", "web-8@8"], "entity pages", "\(entities)")
                var events: [String] = []
                cursor = nil
                repeat {
                    let page = try await store.eventPage(
                        namespace: "default", entity: nil, after: cursor, limit: 4, matching: { _ in true })
                    events += page.items.map(eventKey)
                    cursor = page.next
                } while cursor != nil
                let expected = (0..<9).map { "web-\($0 / 3)/check-\($0 % 3)" }
                try expect(events == expected, "event pages", "\(events)")
                let oneEntity = try await store.eventPage(
                    namespace: "default", entity: "web-1", after: StoreKey.make("default", "web-1", "check-0"),
                    limit: 0, matching: { _ in true })
                try expect(
                    oneEntity.items.map(eventKey) == ["web-1/check-1", "web-1/check-2"], "event page of one entity",
                    "\(oneEntity.items.map(eventKey))")
            },
        ]
    }
}
