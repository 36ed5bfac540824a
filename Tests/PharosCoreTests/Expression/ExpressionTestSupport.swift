import Foundation
import PharosCore
import Testing

/// Shared inputs for the filter-expression tests.
enum ExpressionTestSupport {
    /// A realistic synthesized event (metadata flattened, as Sensu exposes it to filters), at
    /// 2023-11-14T22:13:20Z (a Tuesday).
    static func event() throws -> JSONValue {
        let url = try #require(
            Bundle.module.url(forResource: "expression-event", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: url))
    }

    /// The fixture event with one value replaced at a member path.
    static func event(setting path: [String], to value: JSONValue) throws -> JSONValue {
        try replacing(event(), path: path[...], with: value)
    }

    private static func replacing(_ tree: JSONValue, path: ArraySlice<String>, with value: JSONValue) throws
        -> JSONValue
    {
        guard let key = path.first else { return value }
        guard case .object(var members) = tree else { throw FixtureError.notAnObject(key) }
        members[key] = try replacing(members[key] ?? .object([:]), path: path.dropFirst(), with: value)
        return .object(members)
    }

    /// `event` and `entity` bindings from the fixture.
    static func bindings() throws -> [String: JSONValue] {
        let event = try event()
        return ["event": event, "entity": try #require(event["entity"])]
    }

    /// Equality that treats `NaN` as equal to itself, for expected values.
    static func same(_ lhs: JSValue, _ rhs: JSValue) -> Bool {
        if case .number(let left) = lhs, case .number(let right) = rhs, left.isNaN, right.isNaN { return true }
        if case .array(let left) = lhs, case .array(let right) = rhs {
            return left.count == right.count && zip(left, right).allSatisfy { same($0, $1) }
        }
        return lhs == rhs
    }

    enum FixtureError: Error {
        case notAnObject(String)
    }
}
