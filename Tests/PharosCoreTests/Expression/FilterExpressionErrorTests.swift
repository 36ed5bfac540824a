import PharosCore
import Testing

/// Parse errors (with exact columns), evaluation errors and hostile input.
@Suite struct FilterExpressionErrorTests {
    static let parseErrors: [(String, Int, String)] = [
        ("event.check.status == {", 23, "unexpected token '{'"),
        ("", 1, "unexpected end of expression"),
        ("   ", 4, "unexpected end of expression"),
        ("event.check.status = 1", 20, "assignment is not supported"),
        ("a += 1", 3, "assignment is not supported"),
        ("function() { return 1 }", 1, "'function' is not supported"),
        ("new Date()", 1, "'new' is not supported"),
        ("this.x", 1, "'this' is not supported"),
        ("a; b", 4, "only a single expression is supported"),
        ("1;;", 3, "only a single expression is supported"),
        ("'abc", 1, "unterminated string literal"),
        ("x == \"a\nb\"", 6, "unterminated string literal"),
        ("x++", 2, "increment and decrement are not supported"),
        ("--x", 1, "increment and decrement are not supported"),
        ("1 +", 4, "unexpected end of expression"),
        ("(1", 3, "unexpected end of expression"),
        ("a.b.(c)", 5, "unexpected token '('"),
        ("/a(/.test(x)", 1, "invalid regular expression /a(/"),
        ("/a/x", 1, "invalid regular expression flags 'x'"),
        ("/abc", 1, "unterminated regular expression"),
        ("1 @ 2", 3, "unexpected character '@'"),
        ("3in x", 2, "identifier starts immediately after number"),
        ("a, b", 2, "unexpected token ','"),
        ("x => x", 3, "unexpected token '=>'"),
        ("{a: 1}", 1, "unexpected token '{'"),
        ("a instanceof b", 3, "'instanceof' is not supported"),
        ("`x`", 1, "unexpected character '`'"),
        ("1 ? 2", 6, "unexpected end of expression"),
        ("0x", 3, "missing hexadecimal digits"),
        ("1e+", 4, "missing exponent digits"),
        ("'\\x4'", 2, "invalid escape sequence"),
        ("1 /* open", 3, "unterminated comment"),
        ("f(1,)", 5, "unexpected token ')'"),
        ("a.1", 2, "unexpected token number 0.1"),
    ]

    @Test(arguments: parseErrors)
    func reportsParseErrorWithColumn(_ source: String, _ column: Int, _ message: String) {
        #expect(throws: ExpressionError(kind: .parse, column: column, message: message)) {
            try FilterExpression(source)
        }
    }

    @Test func parseErrorDescriptionNamesTheColumn() {
        let error = #expect(throws: ExpressionError.self) { try FilterExpression("event.check.status == {") }
        #expect(error?.description == "column 23: unexpected token '{'")
    }

    static let evaluationErrors: [(String, Int?, String)] = [
        ("event.entity.missing.x", 22, "TypeError: cannot read property 'x' of undefined"),
        ("event.entity.labels.region.x.y", 30, "TypeError: cannot read property 'y' of undefined"),
        ("null.x", 6, "TypeError: cannot read property 'x' of null"),
        ("nothing == 1", 1, "ReferenceError: nothing is not defined"),
        ("event.check.status()", 19, "TypeError: event.check.status is not a function"),
        ("event.check.name.nope('x')", 22, "TypeError: event.check.name.nope is not a function"),
        ("'a'.match('(')", 10, "SyntaxError: invalid regular expression /(/"),
        ("(1).toFixed(21)", 12, "RangeError: toFixed() digits argument must be between 0 and 20"),
        ("'x' in 'abc'", nil, "TypeError: cannot use 'in' operator to search for 'x' in abc"),
        (
            "'abc'.includes(/b/)", 15,
            "TypeError: first argument to String.prototype.includes must not be a regular expression"
        ),
    ]

    @Test(arguments: evaluationErrors)
    func reportsEvaluationError(_ source: String, _ column: Int?, _ message: String) throws {
        let expression = try FilterExpression(source)
        let bindings = try ExpressionTestSupport.bindings()
        #expect(throws: ExpressionError(kind: .evaluation, column: column, message: message)) {
            try expression.evaluate(bindings)
        }
    }

    static let limit = FilterExpression.maximumNestingDepth

    /// Hostile sources as (repeated prefix, middle, repeated suffix, repetitions).
    static let tooDeep: [(String, String, String, Int)] = [
        ("(", "1", ")", 100_000),
        ("!", "1", "", 100_000),
        ("- ", "1", "", 100_000),
        ("", "1", " + 1", 100_000),
        ("", "a", ".b", 100_000),
        ("", "a", "[0]", 100_000),
        ("[", "", "", 100_000),
        ("f(", "", "", 100_000),
        ("a ? ", "", "", 100_000),
        ("(", "1", ")", limit + 1),
    ]

    @Test(arguments: tooDeep)
    func rejectsDeepNestingWithoutCrashing(_ prefix: String, _ middle: String, _ suffix: String, _ count: Int) {
        let source = String(repeating: prefix, count: count) + middle + String(repeating: suffix, count: count)
        let error = #expect(throws: ExpressionError.self) { try FilterExpression(source) }
        #expect(error?.kind == .parse)
        #expect(error?.message == "expression nests deeper than \(Self.limit) levels")
    }

    @Test func acceptsNestingUpToTheLimit() throws {
        let parenthesized =
            String(repeating: "(", count: Self.limit - 1) + "1" + String(repeating: ")", count: Self.limit - 1)
        #expect(try FilterExpression(parenthesized).value([:]) == .number(1))
        let sum = "1" + String(repeating: "+1", count: Self.limit - 1)
        #expect(try FilterExpression(sum).value([:]) == .number(Double(Self.limit)))
    }
}
