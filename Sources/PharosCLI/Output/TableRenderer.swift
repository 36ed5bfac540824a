import Foundation

/// Prints a ``Table`` as aligned text that fits a terminal width.
///
/// Layout (after sensuctl's tabular output): a title row, a rule of `─` under each column, then one line per
/// row; columns are left-aligned and separated by two spaces; trailing spaces are dropped. A cell shows only its
/// first line. When the natural widths do not fit `width`, the widest columns shrink first (never below the
/// longest word of their title); titles then wrap at spaces and cells are cut with `…`. When even the shrunk
/// columns do not fit, the rightmost columns are left out (a table's columns are ordered by importance, as
/// sensuctl orders them), so every line fits `width`.
public struct TableRenderer: Sendable, Hashable {
    /// The most characters a line may have.
    public var width: Int
    /// Whether titles are printed bold with ANSI escapes (only when stdout is a terminal).
    public var colour: Bool

    /// Text between two columns.
    public static let separator = "  "

    /// Creates a renderer.
    /// - Parameters:
    ///   - width: Line width in characters (default 120).
    ///   - colour: Whether to print titles bold.
    public init(width: Int = 120, colour: Bool = false) {
        self.width = width
        self.colour = colour
    }

    /// The table as lines of text, each ending in a newline.
    public func render(_ table: Table) -> String {
        let table = fitted(table)
        let cells = table.rows.map { $0.map(Self.firstLine) }
        let widths = columnWidths(headers: table.headers, cells: cells)
        var lines: [String] = []
        let titleLines = table.headers.enumerated().map { Self.wrap($0.element, width: widths[$0.offset]) }
        let titleHeight = titleLines.map(\.count).max() ?? 0
        for index in 0..<titleHeight {
            let line = joinCells(titleLines.map { index < $0.count ? $0[index] : "" }, widths: widths)
            lines.append(colour && !line.isEmpty ? "\u{1B}[1m\(line)\u{1B}[0m" : line)
        }
        lines.append(joinCells(widths.map { String(repeating: "─", count: $0) }, widths: widths))
        for row in cells {
            lines.append(
                joinCells(row.enumerated().map { Self.truncate($0.element, to: widths[$0.offset]) }, widths: widths))
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// `table` without the rightmost columns whose minimum widths do not fit `width` (at least one column stays).
    private func fitted(_ table: Table) -> Table {
        let cells = table.rows.map { $0.map(Self.firstLine) }
        let minimums = minimumWidths(headers: table.headers, cells: cells)
        var count = table.headers.count
        while count > 1, minimums.prefix(count).reduce(0, +) + Self.separator.count * (count - 1) > width {
            count -= 1
        }
        guard count < table.headers.count else { return table }
        return Table(headers: Array(table.headers.prefix(count)), rows: table.rows.map { Array($0.prefix(count)) })
    }

    /// The narrowest each column may get: the longest word of its title; the first column (the resource's name,
    /// which identifies the row) keeps its whole width, up to half the line.
    private func minimumWidths(headers: [String], cells: [[String]]) -> [Int] {
        headers.enumerated().map { index, header in
            let title = max(1, header.split(separator: " ").map(\.count).max() ?? 1)
            guard index == 0 else { return title }
            let natural = max(header.count, cells.map { $0.first?.count ?? 0 }.max() ?? 0)
            return max(title, min(natural, width / 2))
        }
    }

    private func joinCells(_ cells: [String], widths: [Int]) -> String {
        var text = cells.enumerated().map { index, cell in
            cell + String(repeating: " ", count: max(0, widths[index] - cell.count))
        }.joined(separator: Self.separator)
        while text.last == " " { text.removeLast() }
        return text
    }

    private func columnWidths(headers: [String], cells: [[String]]) -> [Int] {
        var widths = headers.enumerated().map { index, header in
            max(header.count, cells.map { $0[index].count }.max() ?? 0)
        }
        let minimums = minimumWidths(headers: headers, cells: cells)
        let overhead = Self.separator.count * max(0, headers.count - 1)
        while widths.reduce(0, +) + overhead > width {
            let candidates = widths.indices.filter { widths[$0] > minimums[$0] }
            guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { break }
            widths[widest] -= 1
        }
        return widths
    }

    private static func firstLine(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.replacingOccurrences(of: "\t", with: " ").trimmingCharacters(in: .whitespaces)
    }

    private static func truncate(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text }
        return String(text.prefix(max(0, width - 1))) + "…"
    }

    /// Wraps a title at spaces into lines of at most `width` characters (a longer word is cut with `…`).
    private static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ").map(String.init) {
            if current.isEmpty {
                current = word
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines.map { truncate($0, to: width) }
    }
}
