/// One piece of resource input between `---` separator lines (reference §1.2, sensuctl `create -f`).
struct DocumentChunk: Sendable, Hashable {
    /// The chunk text.
    var text: String
    /// 1-based input line of the chunk's first line.
    var firstLine: Int

    /// Whether the chunk holds JSON: its first non-whitespace character is `{` or `[`.
    var isJSON: Bool {
        guard let first = text.first(where: { !$0.isWhitespace }) else { return false }
        return first == "{" || first == "["
    }

    /// Whether the chunk is blank or holds only YAML comments.
    var isBlank: Bool {
        Self.lines(of: text).allSatisfy { line in
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" })
            return trimmed.isEmpty || trimmed.hasPrefix("#")
        }
    }

    /// Splits input at every line that starts with `---` (line-based, not YAML-aware, as sensuctl does);
    /// the separator lines themselves are dropped. Lines end with LF or CRLF; chunk text always uses LF.
    static func split(_ input: String) -> [DocumentChunk] {
        var chunks: [DocumentChunk] = []
        var current: [Substring] = []
        var firstLine = 1
        var lineNumber = 0
        for line in lines(of: input) {
            lineNumber += 1
            if line.hasPrefix("---") {
                chunks.append(DocumentChunk(text: current.joined(separator: "\n"), firstLine: firstLine))
                current = []
                firstLine = lineNumber + 1
            } else {
                current.append(line)
            }
        }
        chunks.append(DocumentChunk(text: current.joined(separator: "\n"), firstLine: firstLine))
        return chunks
    }

    /// The lines of `text`, split at LF and at CRLF. Swift treats `"\r\n"` as one `Character`, distinct from
    /// `"\n"`, so a `Character` split on `"\n"` would leave a CRLF file in one piece.
    static func lines(of text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    }
}
