/// A table to print: column titles and rows of cell text (one entry per column).
public struct Table: Sendable, Hashable {
    /// The column titles.
    public var headers: [String]
    /// The rows; each has one cell per column.
    public var rows: [[String]]

    /// Creates a table.
    /// - Precondition: Every row has as many cells as there are headers.
    public init(headers: [String], rows: [[String]]) {
        precondition(rows.allSatisfy { $0.count == headers.count }, "every table row needs one cell per column")
        self.headers = headers
        self.rows = rows
    }
}
