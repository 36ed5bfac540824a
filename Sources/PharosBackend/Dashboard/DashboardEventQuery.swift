import Foundation
import PharosCore
import PharosWire

/// The events table's query (`GET /dashboard/v1/namespaces/{namespace}/events`): a filter in Sensu's search syntax
/// (the field-selector language: `event.check.state != passing`, `"nginx" in event.entity.subscriptions`,
/// `labels.region == eu`), a sort and a page, all applied on the server so only one page reaches the browser.
struct DashboardEventQuery: Sendable, Hashable {
    /// Orders of the table.
    enum Sort: String, Sendable, CaseIterable {
        /// Critical, warning, unknown, OK; then newest first.
        case severity
        /// Newest result first.
        case newest
        /// Oldest last-OK first (longest failing on top).
        case lastOK = "last_ok"
        /// Entity, then check.
        case name
    }

    /// Parsed filter, or `nil` for every event.
    var filter: Selector?
    /// The order.
    var sort: Sort
    /// Rows skipped (0 or more).
    var offset: Int
    /// Rows returned (1…1,000; default 100).
    var limit: Int

    /// Largest page.
    static let maximumLimit = 1000

    /// Parses the query parameters.
    /// - Throws: `APIError` 400 naming the parameter: a filter that does not parse or names an unknown field, an
    ///   unknown sort, a bad offset or limit.
    init(parameters: [String: String]) throws(APIError) {
        filter = nil
        if let text = parameters["filter"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            do {
                let selector = try Selector(parsing: text, parameter: "filter")
                let known = SelectorFields.names(of: .event)
                try selector.validateKeys(parameter: "filter", known: known) { key in
                    known.contains(key) || SelectorFields.labelName(in: key, prefix: "event") != nil
                }
                filter = selector
            } catch {
                throw APIError(.invalidArgument, error.description)
            }
        }
        let sortText = parameters["sort"] ?? ""
        guard let sort = sortText.isEmpty ? .severity : Sort(rawValue: sortText) else {
            let known = Sort.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError(.invalidArgument, "sort: must be one of \(known), not \"\(sortText)\"")
        }
        self.sort = sort
        offset = try Self.number(parameters, "offset", default: 0, range: 0...Int.max)
        limit = try Self.number(parameters, "limit", default: 100, range: 1...Self.maximumLimit)
    }

    private static func number(
        _ parameters: [String: String], _ name: String, default value: Int, range: ClosedRange<Int>
    ) throws(APIError) -> Int {
        guard let text = parameters[name], !text.isEmpty else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw APIError(
                .invalidArgument,
                "\(name): must be a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(text)\"")
        }
        return number
    }

    /// Whether `event` passes the filter.
    func matches(_ event: Event) -> Bool {
        guard let filter else { return true }
        return SelectorFields(event).matches(fieldSelector: filter, labelSelector: nil)
    }

    /// Whether `a` comes before `b` in this order.
    func precedes(_ a: DashboardEventRow, _ b: DashboardEventRow) -> Bool {
        func byName() -> Bool { (a.entity, a.check) < (b.entity, b.check) }
        switch sort {
        case .severity:
            if a.severity != b.severity { return a.severity < b.severity }
            if a.timestamp != b.timestamp { return a.timestamp > b.timestamp }
            return byName()
        case .newest:
            if a.timestamp != b.timestamp { return a.timestamp > b.timestamp }
            return byName()
        case .lastOK:
            if a.lastOK != b.lastOK { return a.lastOK < b.lastOK }
            return byName()
        case .name:
            return byName()
        }
    }
}
