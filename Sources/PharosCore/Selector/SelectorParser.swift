/// Turns selector text into clauses (see `Selector`). Positions in errors are 1-based character offsets.
struct SelectorParser {
    private enum Token: Equatable {
        case word(String, quoted: Bool)
        case list([String])
        case op(SelectorOperator)
        case and
    }

    private let characters: [Character]
    private let parameter: String
    private var index = 0

    init(text: String, parameter: String) {
        characters = Array(text)
        self.parameter = parameter
    }

    private func fail(_ message: String) -> SelectorError {
        SelectorError(parameter: parameter, message)
    }

    mutating func parse() throws(SelectorError) -> [SelectorRequirement] {
        var tokens: [(Token, Int)] = []
        while let token = try nextToken() { tokens.append(token) }
        guard !tokens.isEmpty else { return [] }
        var requirements: [SelectorRequirement] = []
        var position = 0
        while true {
            requirements.append(try clause(tokens, at: &position))
            guard position < tokens.count else { break }
            guard tokens[position].0 == .and else {
                throw fail("expected \"&&\" between clauses at character \(tokens[position].1)")
            }
            position += 1
            guard position < tokens.count else {
                throw fail("expected a clause after \"&&\" at character \(tokens[position - 1].1)")
            }
        }
        return requirements
    }

    private func clause(_ tokens: [(Token, Int)], at position: inout Int) throws(SelectorError) -> SelectorRequirement {
        let (first, firstAt) = tokens[position]
        guard case .word(let left, let leftQuoted) = first else {
            throw fail("expected a field name at character \(firstAt)")
        }
        position += 1
        guard position < tokens.count else {
            throw fail("expected an operator (==, !=, in, notin, matches) after \"\(left)\" at character \(firstAt)")
        }
        let (second, opAt) = tokens[position]
        let op: SelectorOperator
        switch second {
        case .op(let found): op = found
        case .word(let word, quoted: false):
            guard let found = SelectorOperator(rawValue: word), found != .equal, found != .notEqual else {
                throw fail("unknown operator \"\(word)\" at character \(opAt) (use ==, !=, in, notin, matches)")
            }
            op = found
        default:
            throw fail("expected an operator (==, !=, in, notin, matches) at character \(opAt)")
        }
        position += 1
        guard position < tokens.count else {
            throw fail("expected a value after \"\(op.rawValue)\" at character \(opAt)")
        }
        let (third, valueAt) = tokens[position]
        position += 1
        switch (op, third) {
        case (.in, .list(let values)), (.notIn, .list(let values)):
            guard !leftQuoted else { throw fail("expected a field name, not a quoted value, at character \(firstAt)") }
            return SelectorRequirement(key: left, op: op, values: values)
        case (.in, .word(let key, let quoted)), (.notIn, .word(let key, let quoted)):
            guard !quoted else {
                throw fail("expected a field name or a [list] after \"\(op.rawValue)\" at character \(valueAt)")
            }
            return SelectorRequirement(key: key, op: op, values: [left])
        case (_, .word(let value, _)):
            guard !leftQuoted else { throw fail("expected a field name, not a quoted value, at character \(firstAt)") }
            return SelectorRequirement(key: left, op: op, values: [value])
        case (_, .list):
            throw fail("a [list] is only allowed after in or notin (character \(valueAt))")
        default:
            throw fail("expected a value after \"\(op.rawValue)\" at character \(valueAt)")
        }
    }

    private static func isDelimiter(_ character: Character) -> Bool {
        character.isWhitespace || "[],=!&'\"".contains(character)
    }

    private mutating func nextToken() throws(SelectorError) -> (Token, Int)? {
        while index < characters.count, characters[index].isWhitespace { index += 1 }
        guard index < characters.count else { return nil }
        let start = index + 1
        let character = characters[index]
        let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
        switch character {
        case "&":
            guard next == "&" else { throw fail("expected \"&&\" at character \(start)") }
            index += 2
            return (.and, start)
        case "=":
            guard next == "=" else {
                throw fail("unexpected \"=\" at character \(start) (use ==, !=, in, notin, matches)")
            }
            index += 2
            return (.op(.equal), start)
        case "!":
            guard next == "=" else {
                throw fail("unexpected \"!\" at character \(start) (use ==, !=, in, notin, matches)")
            }
            index += 2
            return (.op(.notEqual), start)
        case "'", "\"":
            return (.word(try quoted(), quoted: true), start)
        case "[":
            return (.list(try list()), start)
        case "]", ",":
            throw fail("unexpected \"\(character)\" at character \(start)")
        default:
            return (.word(bare(), quoted: false), start)
        }
    }

    private mutating func bare() -> String {
        var word = ""
        while index < characters.count, !Self.isDelimiter(characters[index]) {
            word.append(characters[index])
            index += 1
        }
        return word
    }

    private mutating func quoted() throws(SelectorError) -> String {
        let quote = characters[index]
        let start = index + 1
        index += 1
        var value = ""
        while index < characters.count, characters[index] != quote {
            value.append(characters[index])
            index += 1
        }
        guard index < characters.count else { throw fail("unterminated quoted value starting at character \(start)") }
        index += 1
        return value
    }

    private mutating func list() throws(SelectorError) -> [String] {
        let start = index + 1
        index += 1
        var values: [String] = []
        while true {
            while index < characters.count, characters[index].isWhitespace { index += 1 }
            guard index < characters.count else { throw fail("unterminated [list] starting at character \(start)") }
            let character = characters[index]
            if character == "]", values.isEmpty {
                throw fail("empty [list] at character \(start)")
            }
            if character == "'" || character == "\"" {
                values.append(try quoted())
            } else {
                let word = bare()
                guard !word.isEmpty else {
                    throw fail("unexpected \"\(character)\" in [list] at character \(index + 1)")
                }
                values.append(word)
            }
            while index < characters.count, characters[index].isWhitespace { index += 1 }
            guard index < characters.count else { throw fail("unterminated [list] starting at character \(start)") }
            if characters[index] == "]" {
                index += 1
                return values
            }
            guard characters[index] == "," else {
                throw fail("expected \",\" or \"]\" in [list] at character \(index + 1)")
            }
            index += 1
        }
    }
}
