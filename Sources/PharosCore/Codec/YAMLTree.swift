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

    /// Largest YAML document accepted, in UTF-8 bytes (16 MiB, the size `pharosctl` fetches from a URL).
    static let maximumDocumentBytes = 16 << 20

    /// Most nodes a document of `byteCount` bytes may expand to once aliases are resolved. A document without
    /// aliases has fewer nodes than bytes, so the bound only stops alias expansion ("billion laughs": nested
    /// anchors each repeating the previous one), and keeps the work linear in the input size.
    static func nodeBudget(forBytes byteCount: Int) -> Int { 4 * byteCount + 100_000 }

    /// Parses one YAML document. Aliases are expanded, within `nodeBudget(forBytes:)` nodes.
    /// - Returns: `nil` for an empty document.
    /// - Throws: `ParseError` for invalid YAML, a document over `maximumDocumentBytes`, or one whose aliases
    ///   expand past the node budget.
    static func parse(_ text: String) throws(ParseError) -> Document? {
        let byteCount = text.utf8.count
        guard byteCount <= maximumDocumentBytes else {
            throw ParseError(
                line: nil,
                message: "YAML document is \(byteCount) bytes, over the limit of \(maximumDocumentBytes) bytes")
        }
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
        var budget = nodeBudget(forBytes: byteCount)
        let value = try convert(root, path: "", lines: &lines, budget: &budget)
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

    private static func convert(
        _ node: Node, path: String, lines: inout [String: Int], budget: inout Int
    ) throws(ParseError) -> JSONValue {
        budget -= 1
        guard budget >= 0 else {
            throw ParseError(
                line: node.mark?.line,
                message:
                    "YAML document expands to too many nodes (aliases repeating anchors, as in a \"billion laughs\" "
                    + "document); the limit for this document is \(nodeBudget(forBytes: 0)) nodes plus 4 per byte")
        }
        switch node {
        case .scalar(let scalar):
            return scalarValue(scalar, node: node)
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for (index, item) in sequence.enumerated() {
                let itemPath = "\(path)[\(index)]"
                if let line = item.mark?.line { lines[itemPath] = line }
                items.append(try convert(item, path: itemPath, lines: &lines, budget: &budget))
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
                members[name] = try convert(value, path: memberPath, lines: &lines, budget: &budget)
            }
            return .object(members)
        case .alias:
            // Yams resolves aliases while composing; an unresolved one cannot reach here, but is refused if it does.
            throw ParseError(line: node.mark?.line, message: "unresolved YAML alias")
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
