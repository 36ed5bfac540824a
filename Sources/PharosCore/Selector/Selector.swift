/// A label or field selector: clauses such as `check.name == check-cpu`, `linux in check.subscriptions`,
/// `region in [us-east, us-west]`, `entity.name matches web`, joined by `&&`; every clause must hold
/// (reference §2.4; grammar of Sensu Go 7 `backend/selector`, open source in Pharos).
///
/// Values are bare words or quoted with `'` or `"`; a list is `[a, b]`. `key in [list]` / `key notin [list]`
/// test the key's value against the list; `value in key` / `value notin key` (no list) test that a list field
/// contains the value. An empty or blank selector matches everything.
public struct Selector: Sendable, Hashable {
    /// The clauses, all of which must hold.
    public var requirements: [SelectorRequirement]

    /// Creates a selector from clauses.
    public init(requirements: [SelectorRequirement]) {
        self.requirements = requirements
    }

    /// Parses selector text.
    /// - Parameters:
    ///   - text: The selector, e.g. `event.check.status != 0 && linux in event.entity.subscriptions`.
    ///   - parameter: The query parameter it came from, named in errors.
    /// - Throws: `SelectorError` naming the character position of the problem.
    public init(parsing text: String, parameter: String = "") throws(SelectorError) {
        var parser = SelectorParser(text: text, parameter: parameter)
        requirements = try parser.parse()
    }

    /// Whether every clause holds for the resource whose fields `lookup` returns (`nil`: the field is absent).
    public func matches(_ lookup: (String) -> SelectorField?) -> Bool {
        requirements.allSatisfy { $0.matches(lookup($0.key)) }
    }

    /// Checks that every key is accepted by `isKnown`.
    /// - Throws: `SelectorError` `unknown field "<key>"` listing the known fields.
    public func validateKeys(parameter: String, known: Set<String>, isKnown: (String) -> Bool) throws(SelectorError) {
        for requirement in requirements where !isKnown(requirement.key) {
            throw SelectorError(
                parameter: parameter,
                "unknown field \"\(requirement.key)\" (known: \(known.sorted().joined(separator: ", ")), labels.<name>)"
            )
        }
    }
}
