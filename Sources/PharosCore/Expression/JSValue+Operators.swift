extension JSValue {
    /// JavaScript `==` (abstract equality, ES5 §11.9.3).
    ///
    /// Objects are never equal to each other: every read of the input tree yields a fresh object, as with the
    /// Go-to-JavaScript bridge Sensu uses, and literals are fresh by definition. Functions compare by identity
    /// (their qualified name).
    static func looselyEquals(_ lhs: JSValue, _ rhs: JSValue) -> Bool {
        switch (lhs, rhs) {
        case (.undefined, .undefined), (.null, .null), (.undefined, .null), (.null, .undefined):
            return true
        case (.number(let left), .number(let right)):
            return left == right
        case (.string(let left), .string(let right)):
            return stringsEqual(left, right)
        case (.bool(let left), .bool(let right)):
            return left == right
        case (.function(let left), .function(let right)):
            return left == right
        case (.number(let left), .string):
            return left == rhs.jsNumber
        case (.string, .number(let right)):
            return lhs.jsNumber == right
        case (.bool, _):
            return looselyEquals(.number(lhs.jsNumber), rhs)
        case (_, .bool):
            return looselyEquals(lhs, .number(rhs.jsNumber))
        case (.number, _), (.string, _):
            return rhs.isObject && looselyEquals(lhs, rhs.primitive)
        case (_, .number), (_, .string):
            return lhs.isObject && looselyEquals(lhs.primitive, rhs)
        default:
            return false
        }
    }

    /// JavaScript `===` (strict equality, ES5 §11.9.6): no coercion; `NaN` differs from itself, `+0 === -0`.
    static func strictlyEquals(_ lhs: JSValue, _ rhs: JSValue) -> Bool {
        switch (lhs, rhs) {
        case (.undefined, .undefined), (.null, .null): return true
        case (.number(let left), .number(let right)): return left == right
        case (.string(let left), .string(let right)): return stringsEqual(left, right)
        case (.bool(let left), .bool(let right)): return left == right
        case (.function(let left), .function(let right)): return left == right
        default: return false
        }
    }

    /// `SameValueZero` (used by `includes`): like `===` except that `NaN` equals `NaN`.
    static func sameValueZero(_ lhs: JSValue, _ rhs: JSValue) -> Bool {
        if case .number(let left) = lhs, case .number(let right) = rhs, left.isNaN, right.isNaN { return true }
        return strictlyEquals(lhs, rhs)
    }

    /// JavaScript string equality compares code units, not canonical equivalence as Swift's `==` does.
    static func stringsEqual(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.elementsEqual(rhs.utf8)
    }

    /// JavaScript `<` (abstract relational comparison, ES5 §11.8.5): strings compare by UTF-16 code units,
    /// everything else numerically; `nil` when a `NaN` makes the comparison undefined.
    static func lessThan(_ lhs: JSValue, _ rhs: JSValue) -> Bool? {
        let left = lhs.primitive
        let right = rhs.primitive
        if case .string(let leftText) = left, case .string(let rightText) = right {
            return leftText.utf16.lexicographicallyPrecedes(rightText.utf16)
        }
        let leftNumber = left.jsNumber
        let rightNumber = right.jsNumber
        if leftNumber.isNaN || rightNumber.isNaN { return nil }
        return leftNumber < rightNumber
    }

    /// JavaScript `+` (ES5 §11.6.1): string concatenation when either primitive is a string, else numeric sum.
    static func add(_ lhs: JSValue, _ rhs: JSValue) -> JSValue {
        let left = lhs.primitive
        let right = rhs.primitive
        switch (left, right) {
        case (.string(let leftText), _): return .string(leftText + right.jsString)
        case (_, .string(let rightText)): return .string(left.jsString + rightText)
        default: return .number(left.jsNumber + right.jsNumber)
        }
    }

    /// JavaScript `typeof` (ES5 §11.4.3).
    var typeName: String {
        switch self {
        case .undefined: return "undefined"
        case .null, .array, .object, .regExp: return "object"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .function: return "function"
        }
    }
}
