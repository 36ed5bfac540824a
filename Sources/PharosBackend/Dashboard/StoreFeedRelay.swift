import PharosCore
import PharosStore
import ServiceLifecycle

/// Relays the store's change feed (`Store.changes()`) to the dashboard's readers: one feed subscription, translated
/// to `DashboardChange`s and fanned out by a `ChangeBroadcaster` to every open page and to the event index. A
/// resync marker of the feed (this relay fell behind) becomes `DashboardChange.resync` for every reader.
struct StoreFeedRelay: Service {
    /// The feed, subscribed at creation so nothing committed after the backend was assembled is missed.
    private let subscription: ChangeSubscription
    /// Where translated changes go.
    let broadcaster: ChangeBroadcaster

    init(store: any Store, broadcaster: ChangeBroadcaster) {
        subscription = store.changes()
        self.broadcaster = broadcaster
    }

    /// Relays until the feed ends or graceful shutdown; then ends every reader's stream.
    func run() async {
        for await item in subscription.cancelOnGracefulShutdown() {
            broadcaster.publish(Self.change(item))
        }
        broadcaster.finish()
    }

    /// The dashboard's view of one feed item.
    static func change(_ item: StoreFeedItem) -> DashboardChange {
        guard case .change(let change) = item else { return .resync }
        let deleted = change.operation == .deleted
        switch change.subject {
        case .resource(let type, let namespace, let name):
            return DashboardChange(
                kind: .resource, namespace: namespace, type: type.typeName, name: name, deleted: deleted)
        case .entityConfig(let namespace, let name), .entityState(let namespace, let name),
            .entity(let namespace, let name):
            return DashboardChange(kind: .entity, namespace: namespace, name: name, deleted: deleted)
        case .event(let namespace, let entity, let check):
            return DashboardChange(kind: .event, namespace: namespace, name: entity + "/" + check, deleted: deleted)
        }
    }
}
