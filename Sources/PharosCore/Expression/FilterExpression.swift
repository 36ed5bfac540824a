public import Foundation

/// A compiled Sensu filter expression: the ECMAScript 5 subset users write in event filters, asset filters and
/// proxy-check `entity_attributes` (Sensu Go 6.x evaluates them with the otto ES5 engine).
///
/// Compile once with ``init(_:)``, then evaluate as often as needed with ``evaluate(_:now:)`` (the JavaScript
/// truthiness of the result, which is what a filter uses) or ``value(_:now:)``. Evaluation only reads its
/// bindings, so one expression can be shared between tasks.
///
/// ```swift
/// let expression = try FilterExpression("event.check.occurrences == 1 || event.check.occurrences % (3600 / event.check.interval) == 0")
/// let passes = try expression.evaluate(["event": eventTree])
/// ```
///
/// ## Supported subset
///
/// - Literals: numbers (`42`, `1.5`, `.5`, `1e3`, `0x1F`, legacy octal `017`), strings in `'…'` or `"…"` with
///   ES5 escapes (`\n`, `\t`, `\xHH`, `\uHHHH`, …), `true`, `false`, `null`, `undefined`, `NaN`, `Infinity`,
///   array literals `[1, 'a']`, and regular-expression literals `/ab+c/gim` (see ``JSRegExp``).
/// - Names: the bindings passed to `evaluate` (`event`, `entity`, …); an unknown name is a `ReferenceError`.
/// - Member access `a.b` and `a[expr]`. A missing member is `undefined`; reading a member of `undefined` or
///   `null` is a `TypeError`. Strings and arrays have `length` and numeric indices (UTF-16 code units).
/// - Operators with ES5 precedence and coercions: `!` `~` unary `+` `-` `typeof` `void`; `*` `/` `%`; `+` `-`
///   (string concatenation and `ToPrimitive` of arrays and objects); `<<` `>>` `>>>`; `<` `<=` `>` `>=` `in`;
///   `==` `!=` (abstract equality, ES5 §11.9.3) and `===` `!==`; `&` `^` `|`; `&&` `||` (short-circuit, yield an
///   operand); `?:`; parentheses. Objects and arrays are never equal to one another (each read yields a fresh
///   object).
/// - String methods: `indexOf`, `lastIndexOf`, `includes`, `startsWith`, `endsWith`, `toLowerCase`,
///   `toUpperCase`, `trim`, `substring`, `slice`, `charAt`, `charCodeAt`, `concat`, `match` (an array or
///   `null`), `search`, `split` (string or regular-expression separator, optional limit), `toString`.
/// - Array methods: `indexOf`, `lastIndexOf`, `includes`, `join`, `slice`, `toString`. Regular expressions:
///   `test`, `exec`, `source`, `global`, `ignoreCase`, `multiline`. Numbers: `toString(radix)`, `toFixed`.
///   Objects: `hasOwnProperty`.
/// - Globals: Sensu's `hour(ts)`, `minute(ts)`, `second(ts)`, `weekday(ts)` (Sunday is 0) — all UTC, from Unix
///   seconds — and `seconds_since(ts)` (now minus `ts`, in seconds); ES5's `isNaN`, `isFinite`, `parseInt`,
///   `parseFloat`, `Number`, `String`, `Boolean`.
/// - One optional trailing `;`, and `//` or `/* */` comments.
///
/// Everything else — assignment, `++`/`--`, function literals, `new`, `this`, object literals, the comma
/// operator, statements — is a parse error that names its column. Nesting deeper than
/// ``maximumNestingDepth`` is a parse error too, so no input can exhaust the stack.
public struct FilterExpression: Sendable, Hashable, CustomStringConvertible {
    /// The deepest nesting (parentheses, operators, member accesses, calls) an expression may have.
    public static let maximumNestingDepth = 128

    /// The source text the expression was compiled from.
    public let source: String
    let root: ExpressionNode

    /// Compiles an expression.
    /// - Parameter source: the expression text, for example `event.check.status != 0`.
    /// - Throws: ``ExpressionError`` of kind ``ExpressionError/Kind/parse`` with the 1-based column of the first
    ///   problem (unexpected token, unterminated literal, unsupported syntax, invalid regular expression, nesting
    ///   deeper than ``maximumNestingDepth``).
    public init(_ source: String) throws(ExpressionError) {
        self.source = source
        root = try ExpressionParser.parse(source, limit: Self.maximumNestingDepth)
    }

    /// Evaluates the expression and returns the JavaScript truthiness (`ToBoolean`, ES5 §9.2) of its value.
    /// - Parameters:
    ///   - bindings: the global names the expression can read, for example `["event": eventTree]`.
    ///   - now: the current time, used by `seconds_since` (whole Unix seconds); defaults to the system clock.
    /// - Returns: `true` when the value is truthy.
    /// - Throws: ``ExpressionError`` of kind ``ExpressionError/Kind/evaluation`` for a JavaScript error
    ///   (`TypeError` on a member of `undefined`/`null` or a call of a non-function, `ReferenceError` for an
    ///   unknown name, `SyntaxError` for an invalid pattern given to `match`, `RangeError`).
    public func evaluate(_ bindings: [String: JSONValue], now: Date = Date()) throws(ExpressionError) -> Bool {
        try value(bindings, now: now).isTruthy
    }

    /// Evaluates the expression and returns its JavaScript value.
    /// - Parameters:
    ///   - bindings: the global names the expression can read, for example `["entity": entityTree]`.
    ///   - now: the current time, used by `seconds_since` (whole Unix seconds); defaults to the system clock.
    /// - Returns: the value of the expression.
    /// - Throws: ``ExpressionError`` of kind ``ExpressionError/Kind/evaluation``, as for ``evaluate(_:now:)``.
    public func value(_ bindings: [String: JSONValue], now: Date = Date()) throws(ExpressionError) -> JSValue {
        let evaluator = ExpressionEvaluator(bindings: bindings, now: now.timeIntervalSince1970)
        return try evaluator.evaluate(root)
    }

    /// The source text.
    public var description: String { source }

    /// Two expressions are equal when their source texts are equal (compilation is deterministic).
    public static func == (lhs: FilterExpression, rhs: FilterExpression) -> Bool {
        lhs.source == rhs.source
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(source)
    }
}
