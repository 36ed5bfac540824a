import Foundation
import PharosCore
import Testing

/// The public value types around filter expressions: `JSValue`, `JSRegExp`, and `FilterExpression` as data.
@Suite struct JSValueTests {
    @Test func convertsJSONTrees() {
        let json = JSONValue.object(["a": .array([.number(1), .null, .object(["b": .bool(true)])])])
        #expect(JSValue(json) == .object(["a": .array([.number(1), .null, .object(["b": .bool(true)])])]))
        #expect(JSValue(.array([.string("x"), .array([.number(2)])])) == .array([.string("x"), .array([.number(2)])]))
    }

    @Test(arguments: [
        (JSValue.undefined, false), (.null, false), (.bool(false), false), (.number(0), false), (.number(-0.0), false),
        (.number(.nan), false), (.string(""), false), (.string("0"), true), (.number(-1), true), (.array([]), true),
        (.object([:]), true), (.function("hour"), true),
    ])
    func truthiness(_ value: JSValue, _ expected: Bool) {
        #expect(value.isTruthy == expected)
    }

    @Test func regularExpressionKeepsSourceAndFlags() throws {
        let regExp = try JSRegExp(source: "ab+c", flags: "mig")
        #expect(regExp.description == "/ab+c/gim")
        #expect(regExp.global && regExp.ignoreCase && regExp.multiline)
        #expect(regExp == (try JSRegExp(source: "ab+c", flags: "gim")))
    }

    @Test(arguments: [("a(", ""), ("[b", ""), ("a", "gg"), ("a", "y"), ("a\\", "")])
    func invalidRegularExpressionThrows(_ source: String, _ flags: String) {
        let error = #expect(throws: ExpressionError.self) { try JSRegExp(source: source, flags: flags) }
        #expect(error?.kind == .evaluation)
        #expect(error?.message.hasPrefix("SyntaxError: invalid regular expression") == true)
    }

    @Test func filterExpressionRoundTripsAsJSONString() throws {
        let expressions = [try FilterExpression("event.check.status != 0")]
        let data = try JSONEncoder().encode(expressions)
        #expect(String(decoding: data, as: UTF8.self) == #"["event.check.status != 0"]"#)
        #expect(try JSONDecoder().decode([FilterExpression].self, from: data) == expressions)
    }

    @Test func decodingRejectsInvalidExpressionWithColumn() {
        let data = Data(#"["event.check.status == {"]"#.utf8)
        let error = #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([FilterExpression].self, from: data)
        }
        guard case .dataCorrupted(let context) = error else {
            Issue.record("expected dataCorrupted, got \(String(describing: error))")
            return
        }
        #expect(context.debugDescription == "column 23: unexpected token '{'")
    }
}
