/// Splits check output into numbered lines.
///
/// Lines end at `\n` or `\r\n` (a Swift `Character`); trailing spaces, tabs and a lone `\r` are dropped so that
/// columns stay meaningful. Line numbers are 1-based.
enum OutputLines {
    /// The lines of `output` with their 1-based numbers; a final empty line after a trailing newline is omitted.
    static func numbered(_ output: String) -> [(number: Int, text: Substring)] {
        var lines: [(number: Int, text: Substring)] = []
        var number = 0
        for line in output.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            lines.append((number, trimmingTrailingBlanks(line)))
        }
        if let last = lines.last, last.text.isEmpty {
            lines.removeLast()
        }
        return lines
    }

    /// `text` without trailing spaces, tabs or carriage returns.
    static func trimmingTrailingBlanks(_ text: Substring) -> Substring {
        var end = text.endIndex
        while end > text.startIndex {
            let previous = text.index(before: end)
            guard isBlank(text[previous]) || text[previous] == "\r" else { break }
            end = previous
        }
        return text[text.startIndex..<end]
    }

    /// `text` without trailing spaces or tabs (a `\r` is kept).
    static func trimmingTrailingSpacesAndTabs(_ text: Substring) -> Substring {
        var end = text.endIndex
        while end > text.startIndex {
            let previous = text.index(before: end)
            guard isBlank(text[previous]) else { break }
            end = previous
        }
        return text[text.startIndex..<end]
    }

    /// Space or tab: the separators of the whitespace-delimited formats.
    static func isBlank(_ character: Character) -> Bool {
        character == " " || character == "\t"
    }

    /// The whitespace-separated fields of `line` (runs of spaces/tabs separate), sharing `line`'s indices.
    static func fields(_ line: Substring) -> [Substring] {
        line.split(whereSeparator: isBlank)
    }

    /// 1-based column of `index` within `line`.
    static func column(of index: Substring.Index, in line: Substring) -> Int {
        line.distance(from: line.startIndex, to: index) + 1
    }
}
