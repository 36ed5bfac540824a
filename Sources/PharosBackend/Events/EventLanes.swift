import Foundation
public import PharosCore

/// Per-key serial lanes (issue #12): every event is routed by its ``EventLaneKey`` onto one of `count` lanes, and
/// each lane runs its jobs one at a time in arrival order. Events of one key therefore never overlap, while
/// different keys proceed in parallel on different lanes.
///
/// A lane only serialises the short in-memory part of processing (the merge with the previous state); the job may
/// return work (the store write and pipeline hand-off) that runs after it, off the lane, so concurrent writes of
/// different keys still reach the store together and its group commit keeps its batches.
public struct EventLanes: Sendable {
    /// The default number of lanes: the number of active processor cores.
    public static var defaultCount: Int { ProcessInfo.processInfo.activeProcessorCount }

    private let lanes: [EventLane]

    /// Creates `count` lanes (at least 1).
    public init(count: Int = EventLanes.defaultCount) {
        lanes = (0..<max(1, count)).map { _ in EventLane() }
    }

    /// The number of lanes.
    public var count: Int { lanes.count }

    /// The lane of `key`: the same key always maps to the same lane.
    public func lane(for key: EventLaneKey) -> EventLane {
        lanes[Int(UInt(bitPattern: key.hashValue) % UInt(lanes.count))]
    }
}

/// One serial lane: jobs run one after the other, in the order `run(_:)` was entered.
public actor EventLane {
    private var tail: Task<Task<Void, Never>?, Never>?

    /// Runs `job` after every job entered before it, and returns what the job returns (the work it left to finish
    /// off the lane, if any).
    public func run(
        _ job: @escaping @Sendable () async -> Task<Void, Never>?
    ) async -> Task<Void, Never>? {
        let previous = tail
        let task = Task {
            _ = await previous?.value
            return await job()
        }
        tail = task
        return await task.value
    }
}

/// What routes an event to its lane: `(namespace, entity, check)` where the entity is the check's
/// `proxy_entity_name` when set (the entity the event is stored under) and the check is empty for metrics-only events.
public struct EventLaneKey: Sendable, Hashable {
    /// The event's namespace (event metadata, else the entity's).
    public var namespace: String
    /// The entity the event is stored under.
    public var entity: String
    /// The check name (empty for metrics-only events).
    public var check: String

    /// Creates a key from its parts.
    public init(namespace: String, entity: String, check: String) {
        self.namespace = namespace
        self.entity = entity
        self.check = check
    }

    /// The key of an event as received (before proxy attribution).
    public init(_ event: Event) {
        let namespace =
            event.metadata.namespace.isEmpty ? (event.entity?.metadata.namespace ?? "") : event.metadata.namespace
        let proxy = event.check?.proxyEntityName ?? ""
        self.init(
            namespace: namespace, entity: proxy.isEmpty ? (event.entity?.metadata.name ?? "") : proxy,
            check: event.check?.metadata.name ?? "")
    }
}
