public import Foundation

/// Reading and writing a Sensu event as an untyped JSON tree, for pipe handlers and pipe mutators that must keep
/// fields they do not know about.
public enum EventJSON {
    /// Parses the bytes of one event.
    /// - Parameter data: UTF-8 JSON text (a handler's or mutator's stdin).
    /// - Returns: the event as a JSON object tree.
    /// - Throws: ``EventInputError`` — `.empty`, `.invalidJSON` with line and column, `.undecodable`, or `.notAnObject`.
    public static func parse(_ data: Data) throws(EventInputError) -> JSONValue {
        guard data.contains(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }) else {
            throw EventInputError(.empty)
        }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            if let syntax = JSONSyntaxCheck.firstError(in: data) { throw EventInputError(.invalidJSON(syntax)) }
            throw EventInputError(.undecodable("\(error)"))
        }
        guard case .object = value else { throw EventInputError(.notAnObject) }
        return value
    }

    /// Writes a JSON tree as compact JSON text with object keys sorted (byte-wise), so output is deterministic.
    ///
    /// Unlike `JSONEncoder`, integral numbers up to 2^63 are written as integers without an exponent
    /// (`1700000000123456768`, not `1.7000000001234568e+18`), because Sensu event fields such as
    /// `metrics.points[].timestamp` are `int64` and Go's and Swift's decoders reject an exponent there.
    /// - Parameter value: the tree to write.
    /// - Returns: the JSON text (UTF-8 when converted to bytes), without a trailing newline.
    public static func text(_ value: JSONValue) -> String {
        var output = ""
        write(value, to: &output)
        return output
    }

    private static func write(_ value: JSONValue, to output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let number):
            if let integer = Int64(exactly: number) {
                output += String(integer)
            } else if number.isFinite {
                output += "\(number)"
            } else {
                output += "null"
            }
        case .string(let string): writeString(string, to: &output)
        case .array(let elements):
            output += "["
            for (position, element) in elements.enumerated() {
                if position > 0 { output += "," }
                write(element, to: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            let keys = members.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            for (position, key) in keys.enumerated() {
                if position > 0 { output += "," }
                writeString(key, to: &output)
                output += ":"
                write(members[key] ?? .null, to: &output)
            }
            output += "}"
        }
    }

    private static func writeString(_ string: String, to output: inout String) {
        output += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "\u{00}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
