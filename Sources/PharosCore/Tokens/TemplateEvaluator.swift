/// Runs parsed template nodes against a JSON data tree, with Go `text/template` semantics for the supported
/// subset. A missing key or JSON `null` is Go's `nil` ("<no value>"): passing it to `default` selects the
/// fallback, printing it is an unmatched token.
struct TemplateEvaluator {
    let data: JSONValue

    /// Renders `nodes` to text.
    func render(_ nodes: [TemplateNode]) throws(TokenError) -> String {
        var output = ""
        for node in nodes {
            switch node {
            case .text(let text):
                output += text
            case .action(let pipeline, let source, let position):
                guard let value = try evaluate(pipeline) else {
                    throw TokenError(
                        .unmatchedToken, "unmatched token: \(source)", line: position.line, column: position.column)
                }
                output += GoValueFormatter.format(value)
            }
        }
        return output
    }

    /// Runs a pipeline: each command's result becomes the final argument of the next one.
    private func evaluate(_ pipeline: TemplateNode.Pipeline) throws(TokenError) -> JSONValue? {
        var piped: JSONValue?? = .none
        for command in pipeline.commands {
            piped = .some(try evaluate(command, piped: piped))
        }
        return piped ?? nil
    }

    private func evaluate(_ command: TemplateNode.Command, piped: JSONValue??) throws(TokenError) -> JSONValue? {
        guard let first = command.operands.first else { return nil }
        if case .function(let name, let position) = first {
            var arguments: [JSONValue?] = []
            for operand in command.operands.dropFirst() {
                arguments.append(try evaluate(operand))
            }
            if case .some(let value) = piped { arguments.append(value) }
            return try call(name, arguments, at: position)
        }
        if case .null(let position) = first {
            throw error(.syntax, "nil is not a command", at: position)
        }
        if command.operands.count > 1 || piped != nil {
            throw error(.evaluation, "can't give argument to non-function", at: command.position)
        }
        return try evaluate(first)
    }

    private func evaluate(_ operand: TemplateNode.Operand) throws(TokenError) -> JSONValue? {
        switch operand {
        case .string(let value): return .string(value)
        case .number(let value): return .number(value)
        case .bool(let value): return .bool(value)
        case .null: return nil
        case .pipeline(let pipeline, _): return try evaluate(pipeline)
        case .function(let name, let position): return try call(name, [], at: position)
        case .field(let path, let position): return try lookUp(path, at: position)
        }
    }

    /// `.a.b.c` from the data root; a missing key anywhere along the path gives `nil`.
    private func lookUp(_ path: [String], at position: TemplateNode.Position) throws(TokenError) -> JSONValue? {
        var current: JSONValue? = data
        for name in path {
            switch current {
            case .none, .some(.null):
                return nil
            case .some(.object(let members)):
                current = members[name]
            case .some(let other):
                throw error(
                    .evaluation, "can't evaluate field \(name) in type \(GoValueFormatter.typeName(other))",
                    at: position)
            }
        }
        return current == .null ? nil : current
    }

    private func call(
        _ name: String, _ arguments: [JSONValue?], at position: TemplateNode.Position
    ) throws(TokenError) -> JSONValue? {
        switch name {
        case "default":
            // Sensu's `default`: the last argument unless it is nil, then the first (`x | default "80"`).
            switch arguments.count {
            case 1: return arguments[0]
            case 2: return arguments[1] ?? arguments[0]
            default:
                throw error(
                    .evaluation, "wrong number of arguments for default: want 1 or 2, got \(arguments.count)",
                    at: position)
            }
        case "assetPath":
            guard arguments.count == 1 else {
                throw error(
                    .evaluation, "wrong number of arguments for assetPath: want 1, got \(arguments.count)", at: position
                )
            }
            guard case .some(.string(let asset)) = arguments[0] else {
                throw error(.evaluation, "assetPath needs an asset name string", at: position)
            }
            return .string(Self.environmentKey(asset) + "_PATH")
        case "index":
            return try index(arguments, at: position)
        default:
            throw error(.syntax, "function \"\(name)\" is not defined", at: position)
        }
    }

    /// Go's `index item key…` for objects (string keys) and arrays (integer indexes).
    private func index(_ arguments: [JSONValue?], at position: TemplateNode.Position) throws(TokenError) -> JSONValue? {
        guard let first = arguments.first else {
            throw error(.evaluation, "wrong number of arguments for index: want at least 1, got 0", at: position)
        }
        var item = first
        for key in arguments.dropFirst() {
            switch (item, key) {
            case (.none, _), (.some(.null), _):
                return nil
            case (.some(.object(let members)), .some(.string(let name))):
                item = members[name]
            case (.some(.array(let elements)), .some(.number(let number))):
                guard number.rounded() == number, number >= 0, number < Double(elements.count) else {
                    throw error(
                        .evaluation, "index out of range: \(GoValueFormatter.format(.number(number)))", at: position)
                }
                item = elements[Int(number)]
            case (.some(let container), let key):
                let keyType = key.map(GoValueFormatter.typeName) ?? "nil"
                throw error(
                    .evaluation,
                    "can't index item of type \(GoValueFormatter.typeName(container)) with a \(keyType) key",
                    at: position)
            }
        }
        return item == .null ? nil : item
    }

    /// Sensu's environment-variable name for an asset: upper-cased, every character other than an ASCII letter,
    /// digit or `_` replaced by `_` (`sensu/http-checks` → `SENSU_HTTP_CHECKS`).
    static func environmentKey(_ name: String) -> String {
        var key = ""
        for scalar in name.unicodeScalars {
            let isWordCharacter =
                ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "_"
            key.unicodeScalars.append(isWordCharacter ? scalar : "_")
        }
        return key.uppercased()
    }

    private func error(_ kind: TokenError.Kind, _ message: String, at position: TemplateNode.Position) -> TokenError {
        TokenError(kind, message, line: position.line, column: position.column)
    }
}
