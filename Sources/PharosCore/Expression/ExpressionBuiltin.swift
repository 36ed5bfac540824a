/// The built-in functions and methods of the filter-expression language, named as JavaScript names them.
///
/// Global functions are Sensu's time helpers (`hour`, `minute`, `second`, `weekday`, `seconds_since`; UTC,
/// from Unix seconds) plus a few ES5 globals; methods are looked up by receiver type.
enum ExpressionBuiltin: String, CaseIterable, Sendable {
    case hour, minute, second, weekday
    case secondsSince = "seconds_since"
    case isNaN, isFinite, parseInt, parseFloat
    case numberFunction = "Number"
    case stringFunction = "String"
    case booleanFunction = "Boolean"

    case stringIndexOf = "String.prototype.indexOf"
    case stringLastIndexOf = "String.prototype.lastIndexOf"
    case stringIncludes = "String.prototype.includes"
    case stringStartsWith = "String.prototype.startsWith"
    case stringEndsWith = "String.prototype.endsWith"
    case stringToLowerCase = "String.prototype.toLowerCase"
    case stringToUpperCase = "String.prototype.toUpperCase"
    case stringTrim = "String.prototype.trim"
    case stringSubstring = "String.prototype.substring"
    case stringSlice = "String.prototype.slice"
    case stringCharAt = "String.prototype.charAt"
    case stringCharCodeAt = "String.prototype.charCodeAt"
    case stringConcat = "String.prototype.concat"
    case stringMatch = "String.prototype.match"
    case stringSearch = "String.prototype.search"
    case stringSplit = "String.prototype.split"
    case stringToString = "String.prototype.toString"
    case stringValueOf = "String.prototype.valueOf"

    case arrayIndexOf = "Array.prototype.indexOf"
    case arrayLastIndexOf = "Array.prototype.lastIndexOf"
    case arrayIncludes = "Array.prototype.includes"
    case arrayJoin = "Array.prototype.join"
    case arraySlice = "Array.prototype.slice"
    case arrayToString = "Array.prototype.toString"

    case regExpTest = "RegExp.prototype.test"
    case regExpExec = "RegExp.prototype.exec"
    case regExpToString = "RegExp.prototype.toString"

    case numberToString = "Number.prototype.toString"
    case numberToFixed = "Number.prototype.toFixed"
    case booleanToString = "Boolean.prototype.toString"
    case objectHasOwnProperty = "Object.prototype.hasOwnProperty"
    case objectToString = "Object.prototype.toString"

    /// Global functions by name.
    static let globals = table(prefix: "")
    /// `String.prototype` methods by name.
    static let stringMethods = table(prefix: "String.prototype.")
    /// `Array.prototype` methods by name.
    static let arrayMethods = table(prefix: "Array.prototype.")
    /// `RegExp.prototype` methods by name.
    static let regExpMethods = table(prefix: "RegExp.prototype.")
    /// `Number.prototype` methods by name.
    static let numberMethods = table(prefix: "Number.prototype.")
    /// `Boolean.prototype` methods by name.
    static let booleanMethods = table(prefix: "Boolean.prototype.")
    /// `Object.prototype` methods by name (also found on every other object).
    static let objectMethods = table(prefix: "Object.prototype.")

    /// Every built-in by its qualified name (the payload of ``JSValue/function(_:)``).
    static let byName: [String: ExpressionBuiltin] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })

    private static func table(prefix: String) -> [String: ExpressionBuiltin] {
        var table: [String: ExpressionBuiltin] = [:]
        for builtin in allCases {
            let name = builtin.rawValue
            if prefix.isEmpty {
                if !name.contains(".") { table[name] = builtin }
            } else if name.hasPrefix(prefix) {
                table[String(name.dropFirst(prefix.count))] = builtin
            }
        }
        return table
    }
}
