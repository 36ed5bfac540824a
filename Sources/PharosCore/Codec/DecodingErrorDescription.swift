/// Turns a `DecodingError` from decoding a JSON tree into a dotted field path and a readable message.
enum DecodingErrorDescription {
    /// The dotted path of a coding path: `check_hooks[0]`, `proxy_requests.splay`.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue, key.stringValue.hasPrefix("Index ") || key.stringValue == "\(index)" {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }

    /// Path (relative to the decoded tree) and message of `error`.
    static func describe(_ error: any Error, in tree: JSONValue) -> (path: String, message: String) {
        guard let error = error as? DecodingError else { return ("", "\(error)") }
        switch error {
        case .typeMismatch(let type, let context):
            let found = describe(value: lookup(context.codingPath, in: tree))
            return (path(context.codingPath), "expected \(expected(type)), found \(found)")
        case .valueNotFound(let type, let context):
            return (path(context.codingPath), "expected \(expected(type)), found null")
        case .keyNotFound(let key, let context):
            return (path(context.codingPath + [key]), "is required")
        case .dataCorrupted(let context):
            let value = lookup(context.codingPath, in: tree)
            if case .number(let number)? = value {
                return (path(context.codingPath), "number \(format(number)) is out of range or not a whole number")
            }
            return (path(context.codingPath), context.debugDescription)
        @unknown default:
            return ("", "\(error)")
        }
    }

    private static func lookup(_ codingPath: [any CodingKey], in tree: JSONValue) -> JSONValue? {
        var current: JSONValue? = tree
        for key in codingPath {
            switch current {
            case .object(let members)?: current = members[key.stringValue]
            case .array(let items)?:
                guard let index = key.intValue, items.indices.contains(index) else { return nil }
                current = items[index]
            default: return nil
            }
        }
        return current
    }

    private static func expected(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "a boolean"
        case is Double.Type, is Float.Type, is Int.Type, is Int32.Type, is Int64.Type, is UInt32.Type,
            is UInt64.Type, is UInt.Type:
            return "a number"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array<") || name.hasPrefix("[") && !name.contains(":") { return "a list" }
            return "an object"
        }
    }

    private static func describe(value: JSONValue?) -> String {
        switch value {
        case nil, .null?: return "null"
        case .bool(let flag)?: return "boolean \(flag)"
        case .number(let number)?: return "number \(format(number))"
        case .string(let text)?: return "string \"\(text)\""
        case .array?: return "a list"
        case .object?: return "an object"
        }
    }

    private static func format(_ number: Double) -> String {
        if number.rounded() == number, abs(number) < 9.0e15 { return String(Int64(number)) }
        return String(number)
    }
}
