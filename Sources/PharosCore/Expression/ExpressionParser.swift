/// Recursive-descent parser for the filter-expression subset of ECMAScript 5 (ES5 §11 expression grammar).
///
/// Both the parser's recursion and the depth of the tree it builds are capped at
/// ``FilterExpression/maximumNestingDepth``, so hostile input cannot exhaust the stack while parsing,
/// evaluating or releasing the tree.
struct ExpressionParser {
    /// A parsed sub-tree and its depth in nodes.
    private struct Parsed {
        var node: ExpressionNode
        var depth: Int
    }

    private var lexer: ExpressionLexer
    private var current: ExpressionToken
    private var recursion = 0
    private let limit: Int

    private static let reservedWords: Set<String> = [
        "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum",
        "export", "extends", "finally", "for", "function", "if", "implements", "import", "in", "instanceof",
        "interface", "let", "new", "package", "private", "protected", "public", "return", "static", "super",
        "switch", "this", "throw", "try", "typeof", "var", "void", "while", "with", "yield",
    ]

    private static let assignmentOperators: Set<String> = [
        "=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", ">>>=", "&=", "|=", "^=", "**=",
    ]

    /// Binary operators and their precedence (higher binds tighter); `&&` and `||` are handled as logical nodes.
    private static let binaryOperators: [String: (precedence: Int, op: ExpressionNode.BinaryOperator?)] = [
        "||": (1, nil), "&&": (2, nil), "|": (3, .bitwiseOr), "^": (4, .bitwiseXor), "&": (5, .bitwiseAnd),
        "==": (6, .looseEqual), "!=": (6, .looseNotEqual), "===": (6, .strictEqual), "!==": (6, .strictNotEqual),
        "<": (7, .less), ">": (7, .greater), "<=": (7, .lessOrEqual), ">=": (7, .greaterOrEqual),
        "<<": (8, .shiftLeft), ">>": (8, .shiftRight), ">>>": (8, .unsignedShiftRight),
        "+": (9, .add), "-": (9, .subtract), "*": (10, .multiply), "/": (10, .divide), "%": (10, .remainder),
    ]

    /// Parses a complete source: one expression, optionally followed by a single `;`.
    /// - Throws: a parse ``ExpressionError`` with the column of the first offending token.
    static func parse(_ source: String, limit: Int) throws(ExpressionError) -> ExpressionNode {
        var parser = try ExpressionParser(lexer: ExpressionLexer(source), limit: limit)
        let parsed = try parser.parseExpression()
        let hasSemicolon = parser.current.isPunctuator(";")
        if hasSemicolon { try parser.advance() }
        let trailing = parser.current
        switch trailing.kind {
        case .end:
            return parsed.node
        case .punctuator(let text) where assignmentOperators.contains(text):
            throw .parse("assignment is not supported", offset: trailing.offset)
        default:
            if hasSemicolon {
                throw .parse("only a single expression is supported", offset: trailing.offset)
            }
            throw parser.unexpected(trailing)
        }
    }

    private init(lexer: ExpressionLexer, limit: Int) throws(ExpressionError) {
        self.lexer = lexer
        self.limit = limit
        current = try self.lexer.next()
    }

    private mutating func advance() throws(ExpressionError) {
        current = try lexer.next()
    }

    private func unexpected(_ token: ExpressionToken) -> ExpressionError {
        switch token.kind {
        case .end:
            return .parse("unexpected end of expression", offset: token.offset)
        case .identifier(let name) where Self.reservedWords.contains(name):
            return .parse("'\(name)' is not supported", offset: token.offset)
        case .punctuator(let text) where Self.assignmentOperators.contains(text):
            return .parse("assignment is not supported", offset: token.offset)
        case .punctuator(let text) where text == "++" || text == "--":
            return .parse("increment and decrement are not supported", offset: token.offset)
        default:
            return .parse("unexpected token \(token.quoted)", offset: token.offset)
        }
    }

    private func node(_ node: ExpressionNode, children: Parsed..., at offset: Int) throws(ExpressionError) -> Parsed {
        let depth = 1 + (children.map(\.depth).max() ?? 0)
        guard depth <= limit else { throw tooDeep(at: offset) }
        return Parsed(node: node, depth: depth)
    }

    private func tooDeep(at offset: Int) -> ExpressionError {
        .parse("expression nests deeper than \(limit) levels", offset: offset)
    }

    private mutating func enter() throws(ExpressionError) {
        recursion += 1
        guard recursion <= limit else { throw tooDeep(at: current.offset) }
    }

    private mutating func expect(_ punctuator: String) throws(ExpressionError) {
        guard current.isPunctuator(punctuator) else { throw unexpected(current) }
        try advance()
    }

    private mutating func parseExpression() throws(ExpressionError) -> Parsed {
        try enter()
        defer { recursion -= 1 }
        let start = current.offset
        let test = try parseBinary(minimumPrecedence: 1)
        guard current.isPunctuator("?") else { return test }
        try advance()
        let then = try parseExpression()
        try expect(":")
        let otherwise = try parseExpression()
        return try node(
            .conditional(test.node, then.node, otherwise.node), children: test, then, otherwise, at: start)
    }

    private mutating func parseBinary(minimumPrecedence: Int) throws(ExpressionError) -> Parsed {
        var left = try parseUnary()
        while true {
            let token = current
            let entry: (precedence: Int, op: ExpressionNode.BinaryOperator?)
            switch token.kind {
            case .punctuator(let text):
                guard let found = Self.binaryOperators[text] else { return left }
                entry = found
            case .identifier("in"):
                entry = (7, .inObject)
            case .identifier("instanceof"):
                throw .parse("'instanceof' is not supported", offset: token.offset)
            default:
                return left
            }
            guard entry.precedence >= minimumPrecedence else { return left }
            try advance()
            let right = try parseBinary(minimumPrecedence: entry.precedence + 1)
            let combined: ExpressionNode
            if let op = entry.op {
                combined = .binary(op, left.node, right.node)
            } else if token.isPunctuator("&&") {
                combined = .and(left.node, right.node)
            } else {
                combined = .or(left.node, right.node)
            }
            left = try node(combined, children: left, right, at: token.offset)
        }
    }

    private mutating func parseUnary() throws(ExpressionError) -> Parsed {
        let token = current
        let op: ExpressionNode.UnaryOperator
        switch token.kind {
        case .punctuator("!"): op = .not
        case .punctuator("~"): op = .bitwiseNot
        case .punctuator("+"): op = .plus
        case .punctuator("-"): op = .minus
        case .identifier("typeof"): op = .typeOf
        case .identifier("void"): op = .void
        default: return try parsePostfix()
        }
        try enter()
        defer { recursion -= 1 }
        try advance()
        let operand = try parseUnary()
        return try node(.unary(op, operand.node), children: operand, at: token.offset)
    }

    private mutating func parsePostfix() throws(ExpressionError) -> Parsed {
        var expression = try parsePrimary()
        while true {
            let token = current
            switch token.kind {
            case .punctuator("."):
                try advance()
                guard case .identifier(let name) = current.kind else { throw unexpected(current) }
                let column = current.offset + 1
                try advance()
                expression = try node(
                    .member(expression.node, name, column: column), children: expression, at: token.offset)
            case .punctuator("["):
                try advance()
                let key = try parseExpression()
                try expect("]")
                expression = try node(
                    .index(expression.node, key.node, column: token.offset + 1), children: expression, key,
                    at: token.offset)
            case .punctuator("("):
                try advance()
                var arguments: [Parsed] = []
                if !current.isPunctuator(")") {
                    arguments.append(try parseExpression())
                    while current.isPunctuator(",") {
                        try advance()
                        arguments.append(try parseExpression())
                    }
                }
                try expect(")")
                let depth = 1 + max(expression.depth, arguments.map(\.depth).max() ?? 0)
                guard depth <= limit else { throw tooDeep(at: token.offset) }
                expression = Parsed(
                    node: .call(expression.node, arguments.map(\.node), column: token.offset + 1), depth: depth)
            case .punctuator("++"), .punctuator("--"):
                throw unexpected(token)
            default:
                return expression
            }
        }
    }

    private mutating func parsePrimary() throws(ExpressionError) -> Parsed {
        let token = current
        switch token.kind {
        case .number(let value):
            try advance()
            return Parsed(node: .literal(.number(value)), depth: 1)
        case .string(let value):
            try advance()
            return Parsed(node: .literal(.string(value)), depth: 1)
        case .regExp(let pattern, let flags):
            try advance()
            do {
                return Parsed(node: .literal(.regExp(try JSRegExp(source: pattern, flags: flags))), depth: 1)
            } catch {
                let message = error.message.replacingPrefix("SyntaxError: ", with: "")
                throw .parse(message, offset: token.offset)
            }
        case .identifier(let name):
            let literal: JSValue? =
                switch name {
                case "true": .bool(true)
                case "false": .bool(false)
                case "null": .null
                case "undefined": .undefined
                case "NaN": .number(.nan)
                case "Infinity": .number(.infinity)
                default: nil
                }
            if let literal {
                try advance()
                return Parsed(node: .literal(literal), depth: 1)
            }
            guard !Self.reservedWords.contains(name) else { throw unexpected(token) }
            try advance()
            return Parsed(node: .identifier(name, column: token.offset + 1), depth: 1)
        case .punctuator("("):
            try advance()
            let inner = try parseExpression()
            try expect(")")
            return inner
        case .punctuator("["):
            return try parseArrayLiteral()
        default:
            throw unexpected(token)
        }
    }

    private mutating func parseArrayLiteral() throws(ExpressionError) -> Parsed {
        let start = current.offset
        try advance()
        var elements: [Parsed?] = []
        while !current.isPunctuator("]") {
            if current.isPunctuator(",") {
                try advance()
                elements.append(nil)
                continue
            }
            elements.append(try parseExpression())
            if !current.isPunctuator("]") { try expect(",") }
        }
        try advance()
        let depth = 1 + (elements.compactMap { $0?.depth }.max() ?? 0)
        guard depth <= limit else { throw tooDeep(at: start) }
        return Parsed(node: .array(elements.map { $0?.node }), depth: depth)
    }
}

extension String {
    fileprivate func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
