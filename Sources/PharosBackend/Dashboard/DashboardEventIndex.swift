import Logging
import PharosCore
import PharosStore
import ServiceLifecycle

/// The dashboard's in-memory index of event rows, so a page of 10,000 events is filtered, sorted and cut without
/// reading and decoding every stored event on each request.
///
/// A namespace is read from the store once, when first asked for; afterwards it is kept current from the change
/// source alone (no polling): an event change re-reads that one event, an entity deletion drops the entity's rows,
/// a namespace deletion or a resync marker forgets what was loaded, to be read again on the next request.
actor DashboardEventIndex: Service {
    /// One event as the index keeps it: its row and the fields a filter reads.
    struct Entry: Sendable {
        var row: DashboardEventRow
        var fields: SelectorFields
    }

    private let store: any Store
    /// Subscribed at creation, so no change between a namespace's first read and `run()` is missed.
    private let subscription: AsyncStream<DashboardChange>
    private let logger: Logger
    /// Loaded namespaces: `entity/check` → entry.
    private var loaded: [String: [String: Entry]] = [:]
    /// Namespaces being read, with the events that changed meanwhile (re-read once the read ends).
    private var loading: [String: Set<String>] = [:]

    init(store: any Store, changes: any DashboardChangeSource, logger: Logger) {
        self.store = store
        subscription = changes.subscribe()
        self.logger = logger
    }

    /// Applies changes until graceful shutdown.
    func run() async throws {
        for await change in subscription.cancelOnGracefulShutdown() {
            await apply(change)
        }
    }

    /// The entries of `namespace` (read from the store the first time).
    /// - Throws: `StoreError` when the store cannot be read.
    func entries(namespace: String) async throws -> [Entry] {
        if let entries = loaded[namespace] { return Array(entries.values) }
        loading[namespace] = loading[namespace] ?? []
        let events: [Event]
        do {
            events = try await store.events(namespace: namespace, entity: nil)
        } catch {
            loading[namespace] = nil
            throw error
        }
        var entries: [String: Entry] = [:]
        for event in events {
            guard let entry = Self.entry(event) else { continue }
            entries[entry.row.entity + "/" + entry.row.check] = entry
        }
        let changed = loading.removeValue(forKey: namespace) ?? []
        loaded[namespace] = entries
        for key in changed { await reload(namespace: namespace, key: key) }
        return Array((loaded[namespace] ?? entries).values)
    }

    private static func entry(_ event: Event) -> Entry? {
        guard let row = DashboardEventRow(event) else { return nil }
        return Entry(row: row, fields: SelectorFields(event))
    }

    private func apply(_ change: DashboardChange) async {
        switch change.kind {
        case .resync:
            loaded.removeAll()
        case .event:
            if loading[change.namespace] != nil { loading[change.namespace]?.insert(change.name) }
            guard loaded[change.namespace] != nil else { return }
            if change.deleted {
                loaded[change.namespace]?[change.name] = nil
            } else {
                await reload(namespace: change.namespace, key: change.name)
            }
        case .entity:
            guard change.deleted, let entries = loaded[change.namespace] else { return }
            loaded[change.namespace] = entries.filter { $0.value.row.entity != change.name }
        case .resource:
            if change.type == ResourceType.namespace.typeName, change.deleted { loaded[change.name] = nil }
        }
    }

    private func reload(namespace: String, key: String) async {
        guard let slash = key.firstIndex(of: "/") else { return }
        let entity = String(key[..<slash])
        let check = String(key[key.index(after: slash)...])
        do {
            let event = try await store.event(namespace: namespace, entity: entity, check: check)
            guard loaded[namespace] != nil else { return }
            loaded[namespace]?[key] = event.flatMap(Self.entry)
        } catch {
            // The next resync or change of this event corrects it; the page shows what the index has meanwhile.
            logger.warning("dashboard index could not read an event", metadata: ["error": "\(error)"])
            loaded[namespace] = nil
        }
    }
}
