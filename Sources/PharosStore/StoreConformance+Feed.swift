import PharosCore

extension StoreConformance {
    /// The next `count` items already delivered to `subscription` (changes are published before a write returns,
    /// so they are buffered by the time the caller reads).
    static func take(_ count: Int, from iterator: inout ChangeSubscription.AsyncIterator) async -> [StoreFeedItem] {
        var items: [StoreFeedItem] = []
        for _ in 0..<count {
            guard let item = await iterator.next() else { break }
            items.append(item)
        }
        return items
    }

    static func changes(_ items: [StoreFeedItem]) -> [StoreChange] {
        items.compactMap { item in
            if case .change(let change) = item { return change }
            return nil
        }
    }

    static var feedChecks: [ConformanceCheck] {
        [
            ConformanceCheck("feed: resource changes in commit order, numbered one by one, with versions") { store in
                let subscription = store.changes()
                var iterator = subscription.makeAsyncIterator()
                let start = store.changeFeed.lastSequence
                let first = check("a", interval: 10)
                let second = check("a", interval: 20)
                try await store.createResource(first)
                try await store.putResource(second)
                try await store.putResource(check("b"))
                _ = try await store.deleteResource(.checkConfig, namespace: "default", name: "a")
                let seen = changes(await take(4, from: &iterator))
                try expect(
                    seen.map(\.sequence) == [start + 1, start + 2, start + 3, start + 4], "sequence",
                    "\(seen.map(\.sequence))")
                let subject = StoreChange.Subject.resource(type: .checkConfig, namespace: "default", name: "a")
                try expect(
                    seen.map(\.subject) == [
                        subject, subject, .resource(type: .checkConfig, namespace: "default", name: "b"), subject,
                    ], "subjects", "\(seen.map(\.subject))")
                try expect(
                    seen.map(\.operation) == [.created, .updated, .created, .deleted], "operations",
                    "\(seen.map(\.operation))")
                try expect(
                    seen.map(\.version) == [
                        ResourceVersion.of(first), ResourceVersion.of(second), ResourceVersion.of(check("b")), nil,
                    ],
                    "versions", "\(seen.map(\.version))")
            },
            ConformanceCheck("feed: entity, state, event and silence changes are typed") { store in
                let subscription = store.changes()
                var iterator = subscription.makeAsyncIterator()
                let meta = ObjectMeta(name: "web-1", namespace: "default")
                try await store.putEntityConfig(EntityConfig(metadata: meta))
                try await store.putEntityState(EntityState(metadata: meta, lastSeen: 1))
                try await store.putEvent(event("web-1", "disk"))
                _ = try await store.deleteEvent(namespace: "default", entity: "web-1", check: "disk")
                try await store.putResource(Silenced(metadata: ObjectMeta(namespace: "default"), subscription: "linux"))
                _ = try await store.deleteEntity(namespace: "default", name: "web-1")
                let seen = changes(await take(6, from: &iterator)).map { "\($0.subject) \($0.operation)" }
                let expected: [StoreChange] = [
                    StoreChange(subject: .entityConfig(namespace: "default", name: "web-1"), operation: .stored),
                    StoreChange(subject: .entityState(namespace: "default", name: "web-1"), operation: .stored),
                    StoreChange(
                        subject: .event(namespace: "default", entity: "web-1", check: "disk"), operation: .stored),
                    StoreChange(
                        subject: .event(namespace: "default", entity: "web-1", check: "disk"), operation: .deleted),
                    StoreChange(
                        subject: .resource(type: .silenced, namespace: "default", name: "linux:*"), operation: .created),
                    StoreChange(subject: .entity(namespace: "default", name: "web-1"), operation: .deleted),
                ]
                try expect(seen == expected.map { "\($0.subject) \($0.operation)" }, "typed changes", "\(seen)")
            },
            ConformanceCheck("feed: nothing is published for a failed or empty write") { store in
                try await store.putResource(check("a"))
                let before = store.changeFeed.lastSequence
                try? await store.createResource(check("a"))
                _ = try? await store.replaceResource(check("a", interval: 1), expectedVersion: "0000000000000000")
                var metricsOnly = event("web-1", "x")
                metricsOnly.check = nil
                try? await store.putEvent(metricsOnly)
                _ = try await store.deleteResource(.checkConfig, namespace: "default", name: "missing")
                _ = try await store.deleteEvent(namespace: "default", entity: "web-1", check: "missing")
                _ = try await store.deleteEntity(namespace: "default", name: "missing")
                _ = try await store.createSettingIfAbsent("k", value: "v")
                let after = store.changeFeed.lastSequence
                try expect(after == before, "no change published", "\(after - before) published")
            },
            ConformanceCheck("feed: a subscriber that falls behind gets a resync marker and counted drops") { store in
                let slow = store.changes(bufferSize: 4)
                let fast = store.changes()
                var slowIterator = slow.makeAsyncIterator()
                var fastIterator = fast.makeAsyncIterator()
                let start = store.changeFeed.lastSequence
                let dropsBefore = store.changeFeed.droppedChanges
                for index in 0..<6 { try await store.putResource(check("c-\(index)")) }
                let slowItems = await take(2, from: &slowIterator)
                try expect(
                    slowItems.first == .resync(after: start), "resync marker first",
                    "\(String(describing: slowItems.first))")
                try expect(
                    changes(slowItems).map(\.sequence) == [start + 6], "changes after the marker", "\(slowItems)")
                let dropped = store.changeFeed.droppedChanges - dropsBefore
                try expect(dropped == 5, "drops counted", "\(dropped)")
                let fastItems = changes(await take(6, from: &fastIterator))
                try expect(
                    fastItems.map(\.sequence) == (1...6).map { start + UInt64($0) }, "other subscribers unaffected",
                    "\(fastItems.map(\.sequence))")
            },
            ConformanceCheck("feed: a subscription receives from when it was made and leaves when released") { store in
                try await store.putResource(check("before"))
                let baseline = store.changeFeed.subscriberCount
                do {
                    let subscription = store.changes()
                    var iterator = subscription.makeAsyncIterator()
                    try expect(store.changeFeed.subscriberCount == baseline + 1, "subscribed", "not counted")
                    try await store.putResource(check("after"))
                    let first = changes(await take(1, from: &iterator)).first
                    try expect(
                        first?.subject == .resource(type: .checkConfig, namespace: "default", name: "after"),
                        "only later changes", "\(String(describing: first))")
                }
                try expect(store.changeFeed.subscriberCount == baseline, "released", "still subscribed")
            },
            ConformanceCheck("feed: concurrent writers publish every change once, in sequence order") { store in
                let subscription = store.changes()
                var iterator = subscription.makeAsyncIterator()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<100 {
                        group.addTask { try await store.putEvent(event("web-\(index % 10)", "check-\(index)")) }
                    }
                    try await group.waitForAll()
                }
                let seen = changes(await take(100, from: &iterator))
                let sequences = seen.map(\.sequence)
                try expect(
                    sequences == sequences.sorted() && Set(sequences).count == 100, "ordered, once",
                    "\(sequences.count) changes")
                let checks = Set(
                    seen.compactMap { change -> String? in
                        if case .event(_, _, let check) = change.subject { return check }
                        return nil
                    })
                try expect(checks.count == 100, "every write", "\(checks.count)")
            },
        ]
    }
}
