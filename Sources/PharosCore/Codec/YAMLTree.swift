import Foundation
import Yams

/// Conversion between YAML text and `JSONValue` trees, the way Sensu turns YAML into JSON before decoding
/// (YAML 1.1 scalar resolution: `yes`/`on` are booleans, unquoted digits are numbers, quoted scalars are strings).
enum YAMLTree {
    /// A parsed YAML document.
    struct Document {
        /// The document as a JSON tree.
        var value: JSONValue
        /// 1-based line of the document's root node within the parsed text.
        var line: Int
        /// 1-based line of each key, by dotted path (`spec.interval`, `spec.check_hooks[0]`).
        var lines: [String: Int]
    }

    /// A YAML syntax error or a construct JSON cannot hold.
    struct ParseError: Error {
        /// 1-based line within the parsed text, when known.
        var line: Int?
        var message: String
    }

    /// Parses one YAML document.
    /// - Returns: `nil` for an empty document.
    static func parse(_ text: String) throws(ParseError) -> Document? {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw describe(error)
        } catch {
            throw ParseError(line: nil, message: "invalid YAML: \(error)")
        }
        guard let root else { return nil }
        var lines: [String: Int] = [:]
        let value = try convert(root, path: "", lines: &lines)
        return Document(value: value, line: root.mark?.line ?? 1, lines: lines)
    }

    private static func describe(_ error: YamlError) -> ParseError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return ParseError(line: mark.line, message: "invalid YAML: \(problem) (column \(mark.column))")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ParseError(
                line: context.mark.line,
                message: "invalid YAML: duplicate key \(duplicates.map { "\"\($0)\"" }.joined(separator: ", "))")
        default:
            return ParseError(line: nil, message: "invalid YAML: \(error)")
        }
    }

    private static func convert(_ node: Node, path: String, lines: inout [String: Int]) throws(ParseError) -> JSONValue
    {
        switch node {
        case .scalar(let scalar):
            return scalarValue(scalar, node: node)
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for (index, item) in sequence.enumerated() {
                let itemPath = "\(path)[\(index)]"
                if let line = item.mark?.line { lines[itemPath] = line }
                items.append(try convert(item, path: itemPath, lines: &lines))
            }
            return .array(items)
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw ParseError(line: key.mark?.line, message: "mapping keys must be plain strings")
                }
                let name = keyScalar.string
                let memberPath = path.isEmpty ? name : "\(path).\(name)"
                if let line = key.mark?.line { lines[memberPath] = line }
                members[name] = try convert(value, path: memberPath, lines: &lines)
            }
            return .object(members)
        case .alias:
            throw ParseError(line: node.mark?.line, message: "YAML aliases are not supported in resource documents")
        }
    }

    private static func scalarValue(_ scalar: Node.Scalar, node: Node) -> JSONValue {
        switch Resolver.default.resolveTag(of: node) {
        case .null:
            return .null
        case .bool:
            return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
        case .int:
            if let value = node.int { return .number(Double(value)) }
            return .string(scalar.string)
        case .float:
            if let value = node.float, value.isFinite { return .number(value) }
            return .string(scalar.string)
        default:
            return .string(scalar.string)
        }
    }

    /// Renders a JSON tree as a YAML node. Mapping keys are sorted, except that keys listed in `leadingKeys` come
    /// first in that order at the top level. Strings that YAML would read back as another type are double-quoted.
    static func node(for value: JSONValue, leadingKeys: [String] = []) -> Node {
        switch value {
        case .null:
            return Node("null", Tag(.null), .plain)
        case .bool(let flag):
            return Node(flag ? "true" : "false", Tag(.bool), .plain)
        case .number(let number):
            if number.rounded() == number, abs(number) < 9.0e15 {
                return Node(String(Int64(number)), Tag(.int), .plain)
            }
            return Node(String(number), Tag(.float), .plain)
        case .string(let text):
            return Node(text, Tag(.str), style(for: text))
        case .array(let items):
            return Node(items.map { node(for: $0) }, Tag(.seq), items.isEmpty ? .flow : .block)
        case .object(let members):
            let ordered =
                leadingKeys.filter { members[$0] != nil }
                + members.keys.filter { !leadingKeys.contains($0) }.sorted()
            let pairs = ordered.compactMap { key in
                members[key].map { (Node(key, Tag(.str), style(for: key)), node(for: $0)) }
            }
            return Node(pairs, Tag(.map), members.isEmpty ? .flow : .block)
        }
    }

    private static func style(for text: String) -> Node.Scalar.Style {
        if text.isEmpty { return .doubleQuoted }
        if text.contains("\n") { return .literal }
        let resolved = Resolver.default.resolveTag(of: Node(text))
        return resolved == .str ? .any : .doubleQuoted
    }

    /// Serialises nodes as one YAML stream, documents separated by `---`.
    static func serialize(_ nodes: [Node]) throws -> String {
        try Yams.serialize(nodes: nodes, allowUnicode: true, explicitStart: nodes.count > 1)
    }
}
