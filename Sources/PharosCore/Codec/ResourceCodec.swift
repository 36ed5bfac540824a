public import Foundation

/// Reads and writes `core/v2` resource documents the way sensuctl does (reference §1.1, §1.2).
///
/// Input is YAML or JSON. It is split into chunks at every line starting with `---`; a chunk whose first
/// non-blank character is `{` or `[` is JSON and may hold several concatenated objects (a top-level array holds
/// one document per element, a Pharos extension), any other chunk is one YAML document. Each document is
/// wrapped — `{type, api_version, metadata, spec}` — with `api_version` defaulting to `core/v2`, `type` given as
/// the Go type name (`CheckConfig`) or the snake_case alias (`check_config`). Unknown top-level keys are errors,
/// unknown keys inside `spec` are warnings. Envelope metadata is merged over `spec.metadata`
/// (`ObjectMeta.merging(outer:)`).
///
/// Output is what `sensuctl dump` writes: wrapped documents with the CamelCase type, `api_version: core/v2`, the
/// metadata, and the bare resource JSON without `metadata` as `spec`.
public struct ResourceCodec: Sendable {
    /// Namespace given to namespaced resources that have none (sensuctl's current namespace); `nil` leaves it empty.
    public var defaultNamespace: String?
    /// Whether decoded resources are validated (`validate()`); validation failures are reported as errors.
    public var validates: Bool

    /// Most problems reported by one decode; decoding stops collecting after this many (Sensu: 10).
    public static let maximumErrors = 10

    /// The top-level keys of a wrapped document.
    public static let envelopeKeys: Set<String> = ["type", "api_version", "metadata", "spec"]

    /// Creates a codec.
    /// - Parameters:
    ///   - defaultNamespace: Namespace for namespaced resources that name none.
    ///   - validates: Whether to validate decoded resources.
    public init(defaultNamespace: String? = nil, validates: Bool = true) {
        self.defaultNamespace = defaultNamespace
        self.validates = validates
    }

    // MARK: Decoding

    /// Decodes every wrapped document in UTF-8 `data`.
    /// - Throws: `ResourceDecodingError` with up to `maximumErrors` problems; then no resource is returned.
    public func decode(_ data: Data) throws(ResourceDecodingError) -> DecodedResources {
        guard let text = String(data: data, encoding: .utf8) else {
            throw ResourceDecodingError(diagnostics: [
                ResourceDiagnostic(document: 1, line: nil, path: "", message: "input is not valid UTF-8")
            ])
        }
        return try decode(text)
    }

    /// Decodes every wrapped document in `text` (YAML and/or JSON, see the type description).
    /// - Throws: `ResourceDecodingError` with up to `maximumErrors` problems; then no resource is returned.
    public func decode(_ text: String) throws(ResourceDecodingError) -> DecodedResources {
        var state = DecodeState()
        let documents = Self.parseDocuments(text, errors: &state.errors)
        for document in documents {
            if state.errors.count >= Self.maximumErrors { break }
            decodeDocument(document, into: &state)
        }
        if !state.errors.isEmpty {
            throw ResourceDecodingError(
                diagnostics: Array(state.errors.sorted(by: Self.inputOrder).prefix(Self.maximumErrors)))
        }
        return DecodedResources(resources: state.resources, warnings: state.warnings)
    }

    /// Splits `text` into documents and parses each into a JSON tree, without interpreting them as resources.
    /// - Returns: One tree per document, in input order.
    /// - Throws: `ResourceDecodingError` for YAML or JSON syntax errors.
    public static func documents(in text: String) throws(ResourceDecodingError) -> [JSONValue] {
        var errors: [ResourceDiagnostic] = []
        let documents = parseDocuments(text, errors: &errors)
        if !errors.isEmpty { throw ResourceDecodingError(diagnostics: Array(errors.prefix(maximumErrors))) }
        return documents.map(\.tree)
    }

    private static func inputOrder(_ lhs: ResourceDiagnostic, _ rhs: ResourceDiagnostic) -> Bool {
        lhs.document < rhs.document
    }

    /// A document found in the input, numbered from 1.
    private struct ParsedDocument {
        var tree: JSONValue
        var number: Int
        var line: Int?
        var lines: [String: Int]
    }

    private static func parseDocuments(_ text: String, errors: inout [ResourceDiagnostic]) -> [ParsedDocument] {
        var documents: [ParsedDocument] = []
        var count = 0
        for chunk in DocumentChunk.split(text) where !chunk.isBlank {
            if chunk.isJSON {
                let values: [JSONStreamScanner.Value]
                do {
                    values = try JSONStreamScanner.values(in: chunk.text)
                } catch {
                    count += 1
                    errors.append(
                        ResourceDiagnostic(
                            document: count, line: chunk.firstLine + error.lineOffset, path: "", message: error.message)
                    )
                    continue
                }
                for value in values {
                    let line = chunk.firstLine + value.lineOffset
                    let tree: JSONValue
                    do {
                        tree = try JSONDecoder().decode(JSONValue.self, from: value.data)
                    } catch {
                        count += 1
                        errors.append(
                            ResourceDiagnostic(
                                document: count, line: line, path: "", message: "invalid JSON: \(reason(error))"))
                        continue
                    }
                    let trees: [JSONValue]
                    if case .array(let elements) = tree { trees = elements } else { trees = [tree] }
                    for element in trees {
                        count += 1
                        documents.append(ParsedDocument(tree: element, number: count, line: line, lines: [:]))
                    }
                }
            } else {
                do {
                    guard let document = try YAMLTree.parse(chunk.text) else { continue }
                    count += 1
                    documents.append(
                        ParsedDocument(
                            tree: document.value, number: count, line: chunk.firstLine + document.line - 1,
                            lines: document.lines.mapValues { chunk.firstLine + $0 - 1 }))
                } catch {
                    count += 1
                    errors.append(
                        ResourceDiagnostic(
                            document: count, line: chunk.firstLine + (error.line ?? 1) - 1, path: "",
                            message: error.message))
                }
            }
        }
        return documents
    }

    /// Decodes one wrapped document given as a JSON tree.
    /// - Throws: `ResourceDecodingError` describing why the document was rejected.
    public func decodeWrapped(_ document: JSONValue) throws(ResourceDecodingError) -> DecodedResources {
        var state = DecodeState()
        decodeDocument(ParsedDocument(tree: document, number: 1, line: nil, lines: [:]), into: &state)
        if !state.errors.isEmpty { throw ResourceDecodingError(diagnostics: state.errors) }
        return DecodedResources(resources: state.resources, warnings: state.warnings)
    }

    /// Decodes a bare resource body (metadata inline, as `core/v2` REST bodies are) of a known type.
    /// Unknown keys are warnings.
    /// - Throws: `ResourceDecodingError` naming the field that could not be decoded or failed validation.
    public func decodeBare(_ type: ResourceType, from body: JSONValue) throws(ResourceDecodingError)
        -> DecodedResources
    {
        let fail = { (path: String, message: String) in
            ResourceDecodingError(diagnostics: [
                ResourceDiagnostic(document: 1, line: nil, path: path, message: message)
            ])
        }
        guard case .object(let members) = body else {
            throw fail("", "expected a JSON object")
        }
        let warnings = unknownKeys(members, of: type, prefix: "").map {
            ResourceDiagnostic(document: 1, line: nil, path: $0, message: "unknown field")
        }
        var resource: any Resource
        do {
            resource = try Self.decodeTyped(type.modelType, from: body)
        } catch {
            let (path, message) = DecodingErrorDescription.describe(error, in: body)
            throw fail(path, message)
        }
        fillNamespace(&resource)
        if validates {
            do { try resource.validate() } catch { throw fail(error.field, error.message) }
        }
        return DecodedResources(resources: [AnyResource(resource)], warnings: warnings)
    }

    /// Decodes a bare resource body from UTF-8 JSON `data`.
    /// - Throws: `ResourceDecodingError` for invalid JSON or an invalid resource.
    public func decodeBare(_ type: ResourceType, from data: Data) throws(ResourceDecodingError) -> DecodedResources {
        let body: JSONValue
        do {
            body = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw ResourceDecodingError(diagnostics: [
                ResourceDiagnostic(document: 1, line: nil, path: "", message: "invalid JSON: \(Self.reason(error))")
            ])
        }
        return try decodeBare(type, from: body)
    }

    private struct DecodeState {
        var resources: [AnyResource] = []
        var warnings: [ResourceDiagnostic] = []
        var errors: [ResourceDiagnostic] = []
    }

    private func decodeDocument(_ document: ParsedDocument, into state: inout DecodeState) {
        let (tree, number, line, lines) = (document.tree, document.number, document.line, document.lines)
        func report(_ path: String, _ message: String) {
            state.errors.append(
                ResourceDiagnostic(document: number, line: lines[path] ?? line, path: path, message: message))
        }
        guard case .object(let members) = tree else {
            report("", "expected a resource document (a mapping with type, api_version, metadata and spec)")
            return
        }
        for key in members.keys.sorted() where !Self.envelopeKeys.contains(key) {
            report(key, "unknown field (a document has only type, api_version, metadata and spec)")
        }
        guard let typeValue = members["type"], typeValue != .null else {
            report("type", "is required")
            return
        }
        guard let typeName = typeValue.stringValue else {
            report("type", "expected a string")
            return
        }
        guard let type = ResourceType(name: typeName) else {
            report("type", "unknown resource type \"\(typeName)\"")
            return
        }
        if let version = members["api_version"], version != .null, version != .string(""),
            version != .string("core/v2")
        {
            report(
                "api_version",
                "unsupported API version \(version.stringValue.map { "\"\($0)\"" } ?? "(not a string)"); Pharos serves core/v2"
            )
            return
        }
        var outer = ObjectMeta()
        if let metadata = members["metadata"], metadata != .null {
            do {
                outer = try metadata.decode(ObjectMeta.self)
            } catch {
                let (path, message) = DecodingErrorDescription.describe(error, in: metadata)
                report(path.isEmpty ? "metadata" : "metadata.\(path)", message)
                return
            }
        }
        guard let spec = members["spec"], spec != .null else {
            report("spec", "no spec provided")
            return
        }
        guard case .object(let specMembers) = spec else {
            report("spec", "expected a mapping")
            return
        }
        if state.errors.contains(where: { $0.document == number }) { return }
        var resource: any Resource
        do {
            resource = try Self.decodeTyped(type.modelType, from: spec)
        } catch {
            let (path, message) = DecodingErrorDescription.describe(error, in: spec)
            report(path.isEmpty ? "spec" : "spec.\(path)", message)
            return
        }
        resource.metadata = resource.metadata.merging(outer: outer)
        fillNamespace(&resource)
        if validates {
            do {
                try resource.validate()
            } catch {
                let path = error.field.hasPrefix("metadata") ? error.field : "spec.\(error.field)"
                report(path, error.message)
                return
            }
        }
        for path in unknownKeys(specMembers, of: type, prefix: "spec.") {
            state.warnings.append(
                ResourceDiagnostic(
                    document: number, line: lines[path] ?? line, path: path,
                    message: "unknown field ignored (not a \(type.typeName) field)"))
        }
        state.resources.append(AnyResource(resource))
    }

    private func unknownKeys(_ members: [String: JSONValue], of type: ResourceType, prefix: String) -> [String] {
        let known = type.modelType.fieldNames
        return members.keys.filter { !known.contains($0) }.sorted().map { prefix + $0 }
    }

    private func fillNamespace(_ resource: inout any Resource) {
        guard let defaultNamespace, type(of: resource).resourceType.isNamespaced, resource.metadata.namespace.isEmpty
        else { return }
        resource.metadata.namespace = defaultNamespace
    }

    private static func decodeTyped<T: Resource>(_ type: T.Type, from tree: JSONValue) throws -> any Resource {
        try tree.decode(type)
    }

    private static func reason(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            if let underlying = context.underlyingError as? NSError,
                let detail = underlying.userInfo[NSDebugDescriptionErrorKey] as? String
            {
                return detail
            }
            return context.debugDescription
        }
        return "\(error)"
    }

    // MARK: Encoding

    /// The wrapped document of `resource`: `{type, api_version: core/v2, metadata, spec}`, where `spec` is the bare
    /// resource JSON without its `metadata` key (`sensuctl dump` format).
    /// - Throws: `EncodingError` if the resource cannot be encoded (does not happen for the model types).
    public static func wrappedDocument(_ resource: AnyResource) throws -> JSONValue {
        var spec = try resource.jsonValue()
        if case .object(var members) = spec {
            members["metadata"] = nil
            spec = .object(members)
        }
        return .object([
            "type": .string(resource.resourceType.typeName),
            "api_version": .string("core/v2"),
            "metadata": try JSONValue(encoding: resource.metadata),
            "spec": spec,
        ])
    }

    /// Wrapped documents as JSON text, one pretty-printed object per document, separated by newlines (a JSON
    /// stream that `decode(_:)` reads back).
    /// - Throws: `EncodingError` if a resource cannot be encoded.
    public static func encodeJSON(_ resources: [AnyResource]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try resources.map { resource in
            String(decoding: try encoder.encode(wrappedDocument(resource)), as: UTF8.self)
        }.joined(separator: "\n") + (resources.isEmpty ? "" : "\n")
    }

    /// Wrapped documents as YAML text, documents separated by `---`, keys in the order `type`, `api_version`,
    /// `metadata`, `spec` and sorted below that.
    /// - Throws: `EncodingError` if a resource cannot be encoded, or Yams' `YamlError` if emitting fails.
    public static func encodeYAML(_ resources: [AnyResource]) throws -> String {
        let nodes = try resources.map { resource in
            YAMLTree.node(
                for: try wrappedDocument(resource), leadingKeys: ["type", "api_version", "metadata", "spec"])
        }
        return try YAMLTree.serialize(nodes)
    }
}
