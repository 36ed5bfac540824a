public import PharosCore

/// The handlers of the legacy pipeline of one event (Sensu Go 6.x `pipelined` legacy adapter, reference §1.8,
/// §7.5): `check.handlers` ∪ `metrics.handlers` (a metrics-only event: `metrics.handlers`), each `set` handler
/// replaced by its members, duplicates collapsed by name, sorted by name.
///
/// Levels: the event's own list is level 1 and the members of a set at level *n* are at level *n + 1*; members
/// at a level above ``maximumLevel`` are dropped (reported in ``tooDeep``), as Sensu refuses to expand a set
/// nested that deep. Names without a stored handler are reported in ``missing`` and skipped.
///
/// A set's own `filters` gate its members: each handler's ``setFilters`` are the filters of the sets it was
/// reached through, outermost first, to be evaluated before the handler's own. A handler reached through several
/// paths keeps only the set filters common to all of them (it runs when any path would let the event through, so
/// a filter on one path only cannot gate it; reached directly, it has none).
public struct HandlerSetExpansion: Sendable, Hashable {
    /// The deepest level whose members are still expanded (3, as in Sensu Go).
    public static let maximumLevel = 3

    /// The handlers to run (never of type `set`), sorted by name, each once.
    public var handlers: [Handler]
    /// Names that were referenced but not found, sorted, each once.
    public var missing: [String]
    /// Names of the sets whose members were dropped because they were nested too deeply, sorted, each once.
    public var tooDeep: [String]
    /// The filters of the enclosing sets of each handler in ``handlers``, by handler name, outermost set first.
    public var setFilters: [String: [String]]

    /// Expands `names` using `lookup` to find stored handlers.
    /// - Parameters:
    ///   - names: the event's handler names (level 1).
    ///   - lookup: the stored handler of a name, or `nil`.
    public init(names: [String], lookup: (String) -> Handler?) {
        var found: [String: Handler] = [:]
        var missing: Set<String> = []
        var tooDeep: Set<String> = []
        var setFilters: [String: [String]] = [:]
        func expand(_ names: [String], level: Int, filters: [String]) {
            for name in names {
                guard let handler = lookup(name) else {
                    missing.insert(name)
                    continue
                }
                if handler.type == "set" {
                    guard level < Self.maximumLevel else {
                        tooDeep.insert(name)
                        continue
                    }
                    expand(handler.handlers, level: level + 1, filters: filters + handler.filters)
                } else if found[name] == nil {
                    found[name] = handler
                    setFilters[name] = filters
                } else {
                    setFilters[name] = setFilters[name, default: []].filter { filters.contains($0) }
                }
            }
        }
        expand(names, level: 1, filters: [])
        self.handlers = found.keys.sorted().compactMap { found[$0] }
        self.missing = missing.sorted()
        self.tooDeep = tooDeep.sorted()
        self.setFilters = setFilters
    }

    /// The handler names of an event's legacy pipeline: `check.handlers` followed by `metrics.handlers`.
    public static func handlerNames(of event: Event) -> [String] {
        (event.check?.handlers ?? []) + (event.metrics?.handlers ?? [])
    }
}
