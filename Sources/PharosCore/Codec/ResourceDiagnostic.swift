/// A problem found while decoding resource documents: an error (the document is rejected) or a warning (the
/// document is accepted, e.g. an unknown key inside `spec`).
public struct ResourceDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// 1-based number of the document in the input (documents are counted across `---` chunks and JSON streams).
    public var document: Int
    /// 1-based line in the input: the line of the offending field when known, otherwise of the document's start.
    public var line: Int?
    /// Dotted path of the field, e.g. `spec.timeout`, `spec.check_hooks[0]`, `metadata.name`; empty for the
    /// whole document.
    public var path: String
    /// What is wrong, e.g. `expected a number, found string "ten"`.
    public var message: String

    /// Creates a diagnostic.
    public init(document: Int, line: Int?, path: String, message: String) {
        self.document = document
        self.line = line
        self.path = path
        self.message = message
    }

    /// `document 2 (line 14): spec.timeout: expected a number, found string "ten"`.
    public var description: String {
        var text = "document \(document)"
        if let line { text += " (line \(line))" }
        if !path.isEmpty { text += ": \(path)" }
        return text + ": \(message)"
    }
}
