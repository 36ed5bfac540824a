import PharosCore
import Testing

@Suite struct JSONSyntaxCheckTests {
    @Test(arguments: [
        #"{"a": 1}"#, "  [1, -2.5e+3, true, false, null, \"x\\u00e9\\n\"]\n", "0", #"{"é": {"b": [[]]}}"#,
    ])
    func acceptsValidJSON(_ text: String) {
        #expect(JSONSyntaxCheck.firstError(in: Array(text.utf8)) == nil)
    }

    @Test(arguments: [
        ("{\"a\":1,\n \"b\": x}", 2, 7, "expected a value, found 'x'"),
        ("[1,2,]", 1, 6, "expected a value, found ']'"),
        ("{\"a\":1", 1, 7, "expected ',' or '}' after an object member, found end of input"),
        ("{\"é\": 01}", 1, 8, "expected ',' or '}' after an object member, found '1'"),
        ("{\"é\": 1 ", 1, 9, "expected ',' or '}' after an object member, found end of input"),
        ("{'a': 1}", 1, 2, "expected a string member name, found '''"),
        ("\"abc", 1, 5, "unterminated string"),
        ("\"a\\x\"", 1, 4, "invalid escape in a string: a backslash followed by 'x'"),
        ("[1.]", 1, 4, "expected a digit after a decimal point, found ']'"),
        ("{} {}", 1, 4, "unexpected '{' after the JSON value"),
        ("nul", 1, 4, "expected 'null', found end of input"),
    ])
    func locatesTheFirstError(_ text: String, line: Int, column: Int, message: String) throws {
        let error = try #require(JSONSyntaxCheck.firstError(in: Array(text.utf8)))
        #expect(error == JSONSyntaxError(line: line, column: column, message: message))
    }

    @Test func refusesNestingDeeperThanTheLimit() throws {
        let deep = String(repeating: "[", count: JSONSyntaxCheck.maximumDepth + 1)
        let error = try #require(JSONSyntaxCheck.firstError(in: Array(deep.utf8)))
        #expect(error.description == "invalid JSON at line 1, column 513: nesting deeper than 512 levels")
    }
}
