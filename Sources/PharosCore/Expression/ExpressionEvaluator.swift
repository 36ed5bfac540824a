/// Evaluates a compiled ``ExpressionNode`` tree against read-only bindings (ES5 §11 semantics).
///
/// The evaluator has no state besides its inputs, so one compiled tree can be evaluated concurrently.
struct ExpressionEvaluator {
    /// Global names visible to the expression (`event`, `entity`), in JSON form.
    let bindings: [String: JSONValue]
    /// The current time in Unix seconds, used by `seconds_since`.
    let now: Double

    func evaluate(_ node: ExpressionNode) throws(ExpressionError) -> JSValue {
        switch node {
        case .literal(let value):
            return value
        case .array(let elements):
            var values: [JSValue] = []
            values.reserveCapacity(elements.count)
            for element in elements {
                values.append(try element.map { node throws(ExpressionError) in try evaluate(node) } ?? .undefined)
            }
            return .array(values)
        case .identifier(let name, let column):
            return try lookup(name, column: column)
        case .member(let base, let name, let column):
            return try property(of: try evaluate(base), key: name, column: column)
        case .index(let base, let keyNode, let column):
            let object = try evaluate(base)
            return try property(of: object, key: try evaluate(keyNode), column: column)
        case .call(let callee, let arguments, let column):
            return try evaluateCall(callee, arguments, column: column)
        case .unary(let op, let operand):
            return try evaluateUnary(op, operand)
        case .binary(let op, let left, let right):
            return try Self.apply(op, try evaluate(left), try evaluate(right))
        case .and(let left, let right):
            let value = try evaluate(left)
            return value.isTruthy ? try evaluate(right) : value
        case .or(let left, let right):
            let value = try evaluate(left)
            return value.isTruthy ? value : try evaluate(right)
        case .conditional(let test, let then, let otherwise):
            return try evaluate(test).isTruthy ? try evaluate(then) : try evaluate(otherwise)
        }
    }

    private func lookup(_ name: String, column: Int) throws(ExpressionError) -> JSValue {
        if let value = bindings[name] { return JSValue(value) }
        if let builtin = ExpressionBuiltin.globals[name] { return .function(builtin.rawValue) }
        throw .referenceError("\(name) is not defined", column: column)
    }

    private func evaluateUnary(_ op: ExpressionNode.UnaryOperator, _ operand: ExpressionNode) throws(ExpressionError)
        -> JSValue
    {
        if op == .typeOf, case .identifier(let name, _) = operand, bindings[name] == nil,
            ExpressionBuiltin.globals[name] == nil
        {
            return .string("undefined")
        }
        let value = try evaluate(operand)
        switch op {
        case .not: return .bool(!value.isTruthy)
        case .bitwiseNot: return .number(Double(~value.jsInt32))
        case .plus: return .number(value.jsNumber)
        case .minus: return .number(-value.jsNumber)
        case .typeOf: return .string(value.typeName)
        case .void: return .undefined
        }
    }

    private static func apply(_ op: ExpressionNode.BinaryOperator, _ left: JSValue, _ right: JSValue)
        throws(ExpressionError) -> JSValue
    {
        switch op {
        case .add: return JSValue.add(left, right)
        case .subtract: return .number(left.jsNumber - right.jsNumber)
        case .multiply: return .number(left.jsNumber * right.jsNumber)
        case .divide: return .number(left.jsNumber / right.jsNumber)
        case .remainder: return .number(left.jsNumber.truncatingRemainder(dividingBy: right.jsNumber))
        case .shiftLeft: return .number(Double(left.jsInt32 << (right.jsUInt32 & 31)))
        case .shiftRight: return .number(Double(left.jsInt32 >> (right.jsUInt32 & 31)))
        case .unsignedShiftRight: return .number(Double(left.jsUInt32 >> (right.jsUInt32 & 31)))
        case .bitwiseAnd: return .number(Double(left.jsInt32 & right.jsInt32))
        case .bitwiseOr: return .number(Double(left.jsInt32 | right.jsInt32))
        case .bitwiseXor: return .number(Double(left.jsInt32 ^ right.jsInt32))
        case .less: return .bool(JSValue.lessThan(left, right) ?? false)
        case .greater: return .bool(JSValue.lessThan(right, left) ?? false)
        case .lessOrEqual: return .bool(JSValue.lessThan(right, left).map { !$0 } ?? false)
        case .greaterOrEqual: return .bool(JSValue.lessThan(left, right).map { !$0 } ?? false)
        case .looseEqual: return .bool(JSValue.looselyEquals(left, right))
        case .looseNotEqual: return .bool(!JSValue.looselyEquals(left, right))
        case .strictEqual: return .bool(JSValue.strictlyEquals(left, right))
        case .strictNotEqual: return .bool(!JSValue.strictlyEquals(left, right))
        case .inObject: return .bool(try hasProperty(right, key: left))
        }
    }

    private static func hasProperty(_ object: JSValue, key: JSValue) throws(ExpressionError) -> Bool {
        let name = key.jsString
        switch object {
        case .object(let members):
            return members[name] != nil || ExpressionBuiltin.objectMethods[name] != nil
        case .array(let elements):
            if let index = arrayIndex(name) { return index < elements.count }
            return name == "length" || ExpressionBuiltin.arrayMethods[name] != nil
                || ExpressionBuiltin.objectMethods[name] != nil
        case .regExp, .function:
            return false
        case .undefined, .null, .bool, .number, .string:
            throw .typeError("cannot use 'in' operator to search for '\(name)' in \(object.jsString)", column: nil)
        }
    }

    /// The array index a property name denotes (`"0"`, `"12"`; not `"01"` or `"-1"`), or `nil`.
    static func arrayIndex(_ key: String) -> Int? {
        let utf8 = key.utf8
        guard let first = utf8.first, utf8.count <= 10, first != UInt8(ascii: "0") || utf8.count == 1 else {
            return nil
        }
        var value = 0
        for byte in utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value < 4_294_967_295 ? value : nil
    }

    /// Property access with a computed key; numbers index arrays and strings without a string round trip.
    private func property(of object: JSValue, key: JSValue, column: Int) throws(ExpressionError) -> JSValue {
        if case .number(let number) = key, number >= 0, number.rounded() == number, number < 4_294_967_295 {
            switch object {
            case .array(let elements):
                let index = Int(number)
                return index < elements.count ? elements[index] : .undefined
            case .string(let text):
                let index = Int(number)
                let units = text.utf16
                guard index < units.count else { return .undefined }
                let unit = units[units.index(units.startIndex, offsetBy: index)]
                return .string(String(decoding: [unit], as: UTF16.self))
            default:
                break
            }
        }
        return try property(of: object, key: key.jsString, column: column)
    }

    /// Property access `object.key` (ES5 §11.2.1); missing properties are `undefined`.
    /// - Throws: a `TypeError` when `object` is `undefined` or `null`.
    func property(of object: JSValue, key: String, column: Int) throws(ExpressionError) -> JSValue {
        switch object {
        case .undefined, .null:
            throw .typeError("cannot read property '\(key)' of \(object.jsString)", column: column)
        case .object(let members):
            if let member = members[key] { return JSValue(member) }
            return ExpressionBuiltin.objectMethods[key].map { .function($0.rawValue) } ?? .undefined
        case .array(let elements):
            if key == "length" { return .number(Double(elements.count)) }
            if let index = Self.arrayIndex(key) { return index < elements.count ? elements[index] : .undefined }
            let method = ExpressionBuiltin.arrayMethods[key] ?? ExpressionBuiltin.objectMethods[key]
            return method.map { .function($0.rawValue) } ?? .undefined
        case .string(let text):
            if key == "length" { return .number(Double(text.utf16.count)) }
            if let index = Self.arrayIndex(key) {
                return try property(of: object, key: .number(Double(index)), column: column)
            }
            return ExpressionBuiltin.stringMethods[key].map { .function($0.rawValue) } ?? .undefined
        case .number:
            return ExpressionBuiltin.numberMethods[key].map { .function($0.rawValue) } ?? .undefined
        case .bool:
            return ExpressionBuiltin.booleanMethods[key].map { .function($0.rawValue) } ?? .undefined
        case .regExp(let regExp):
            switch key {
            case "source": return .string(regExp.source)
            case "global": return .bool(regExp.global)
            case "ignoreCase": return .bool(regExp.ignoreCase)
            case "multiline": return .bool(regExp.multiline)
            case "lastIndex": return .number(0)
            default: return ExpressionBuiltin.regExpMethods[key].map { .function($0.rawValue) } ?? .undefined
            }
        case .function(let name):
            if key == "name" { return .string(name.split(separator: ".").last.map(String.init) ?? name) }
            return .undefined
        }
    }

    private func evaluateCall(_ callee: ExpressionNode, _ argumentNodes: [ExpressionNode], column: Int)
        throws(ExpressionError) -> JSValue
    {
        let receiver: JSValue
        let function: JSValue
        switch callee {
        case .member(let base, let name, let memberColumn):
            receiver = try evaluate(base)
            function = try property(of: receiver, key: name, column: memberColumn)
        case .index(let base, let keyNode, let indexColumn):
            receiver = try evaluate(base)
            function = try property(of: receiver, key: try evaluate(keyNode), column: indexColumn)
        default:
            receiver = .undefined
            function = try evaluate(callee)
        }
        var arguments: [JSValue] = []
        arguments.reserveCapacity(argumentNodes.count)
        for node in argumentNodes { arguments.append(try evaluate(node)) }
        guard case .function(let name) = function, let builtin = ExpressionBuiltin.byName[name] else {
            throw .typeError("\(Self.describe(callee)) is not a function", column: column)
        }
        return try call(builtin, this: receiver, arguments: arguments, column: column)
    }

    /// A short rendering of a callee for error messages (`event.check.name.foo`).
    static func describe(_ node: ExpressionNode) -> String {
        switch node {
        case .identifier(let name, _): return name
        case .member(let base, let name, _): return describe(base) + "." + name
        case .index(let base, _, _): return describe(base) + "[…]"
        case .call(let callee, _, _): return describe(callee) + "(…)"
        case .literal(let value):
            if case .string(let text) = value { return "'\(text)'" }
            return value.jsString
        default: return "expression"
        }
    }
}
