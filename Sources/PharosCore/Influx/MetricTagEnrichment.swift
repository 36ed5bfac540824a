/// Adds the event's context as tags to every metric point, like the `sensu-go-metric-tag-enrichment` mutator
/// (calebhailey, 0.3.0), so that InfluxDB series can be grouped by entity, namespace, check and entity labels.
///
/// Tags added to each point, in this order:
/// 1. `entity` = `entity.metadata.name`
/// 2. `namespace` = `metadata.namespace` of the event, or else `entity.metadata.namespace`
/// 3. `check` = `check.metadata.name` (only when the event has a check)
/// 4. one tag per entity label (`entity.metadata.labels`), key = label name, in label-name order (byte-wise)
///
/// A candidate tag is skipped when its value is missing or empty, or when the point already has a tag of that name
/// (**the point's own tag wins**), or when an earlier candidate already added that name (so a label called `entity`
/// never overrides the entity name). Every other part of the event is passed through unchanged, including fields
/// Pharos does not know about; an event without `metrics.points` comes back as it went in.
public enum MetricTagEnrichment {
    /// Returns `event` with the context tags added to every point of `metrics.points`.
    /// - Parameter event: the event as a JSON tree (see ``EventJSON/parse(_:)``).
    /// - Returns: the enriched event.
    /// - Throws: ``EventInputError``: `.notAnObject` when `event` is not an object, `.invalidField` when
    ///   `metrics.points` is not an array, a point is not an object, or a point's `tags` is neither an array nor null.
    public static func enrich(_ event: JSONValue) throws(EventInputError) -> JSONValue {
        guard case .object(var members) = event else { throw EventInputError(.notAnObject) }
        guard case .object(var metrics)? = members["metrics"], let pointsValue = metrics["points"] else {
            return event
        }
        if pointsValue == .null { return event }
        guard case .array(let points) = pointsValue else {
            throw EventInputError(.invalidField(path: "metrics.points", expected: "an array"))
        }
        let candidates = contextTags(of: event)
        var enriched: [JSONValue] = []
        enriched.reserveCapacity(points.count)
        for (index, point) in points.enumerated() {
            enriched.append(try enrich(point, at: index, with: candidates))
        }
        metrics["points"] = .array(enriched)
        members["metrics"] = .object(metrics)
        return .object(members)
    }

    /// The tags this mutator adds, in order, before checking for names a point already has.
    /// - Parameter event: the event as a JSON tree.
    /// - Returns: `(name, value)` pairs; names are unique and values non-empty.
    public static func contextTags(of event: JSONValue) -> [MetricTag] {
        let entityMetadata = event["entity"]?["metadata"]
        var candidates: [MetricTag] = []
        var seen: Set<String> = []
        func add(_ name: String, _ value: String?) {
            guard let value, !value.isEmpty, !seen.contains(name) else { return }
            seen.insert(name)
            candidates.append(MetricTag(name: name, value: value))
        }
        add("entity", entityMetadata?["name"]?.stringValue)
        let eventNamespace = event["metadata"]?["namespace"]?.stringValue
        add("namespace", (eventNamespace?.isEmpty ?? true) ? entityMetadata?["namespace"]?.stringValue : eventNamespace)
        if let check = event["check"], check != .null {
            add("check", check["metadata"]?["name"]?.stringValue)
        }
        if case .object(let labels)? = entityMetadata?["labels"] {
            for name in labels.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
                add(name, labels[name]?.stringValue)
            }
        }
        return candidates
    }

    private static func enrich(_ point: JSONValue, at index: Int, with candidates: [MetricTag])
        throws(EventInputError) -> JSONValue
    {
        guard case .object(var fields) = point else {
            throw EventInputError(.invalidField(path: "metrics.points[\(index)]", expected: "an object"))
        }
        var tags: [JSONValue]
        switch fields["tags"] {
        case nil, .null?: tags = []
        case .array(let existing)?: tags = existing
        default: throw EventInputError(.invalidField(path: "metrics.points[\(index)].tags", expected: "an array"))
        }
        let present = Set(tags.compactMap { $0["name"]?.stringValue })
        for tag in candidates where !present.contains(tag.name) {
            tags.append(.object(["name": .string(tag.name), "value": .string(tag.value)]))
        }
        fields["tags"] = .array(tags)
        return .object(fields)
    }
}
