/// A value of the filter-expression language: the ECMAScript 5 value types a ``FilterExpression`` computes with.
///
/// `undefined` and `null` are distinct, as in JavaScript. Objects only ever come from the read-only input tree,
/// so they keep their ``JSONValue`` members and are converted one level at a time as the expression reads them.
public enum JSValue: Sendable, Hashable {
    /// JavaScript `undefined` (a missing member, `void 0`, an out-of-range index).
    case undefined
    /// JavaScript `null` (JSON `null`).
    case null
    /// A boolean.
    case bool(Bool)
    /// A number (IEEE 754 double, like every JavaScript number).
    case number(Double)
    /// A string (JavaScript strings are UTF-16; lengths and indices are counted in UTF-16 code units).
    case string(String)
    /// An array (from a JSON array, an array literal, `split` or `match`).
    case array([JSValue])
    /// A plain object from the input tree, with its members still in JSON form.
    case object([String: JSONValue])
    /// A regular expression (from a literal or from `match` with a string pattern).
    case regExp(JSRegExp)
    /// A built-in function or method, named as JavaScript names it (`hour`, `String.prototype.indexOf`).
    case function(String)

    /// Converts a JSON tree into a JavaScript value: arrays are converted element by element, objects stay JSON.
    /// - Parameter json: the JSON value.
    public init(_ json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let value): self = .bool(value)
        case .number(let value): self = .number(value)
        case .string(let value): self = .string(value)
        case .array(let elements): self = .array(elements.map(JSValue.init))
        case .object(let members): self = .object(members)
        }
    }

    /// JavaScript `ToBoolean` (ES5 §9.2): `false` for `undefined`, `null`, `false`, `+0`, `-0`, `NaN` and `""`.
    public var isTruthy: Bool {
        switch self {
        case .undefined, .null: return false
        case .bool(let value): return value
        case .number(let value): return !(value == 0 || value.isNaN)
        case .string(let value): return !value.isEmpty
        case .array, .object, .regExp, .function: return true
        }
    }
}
