import Foundation
public import PharosCore

/// Turns listed resources into the text `pharosctl <type> list` prints for each `--format`.
public struct ResourcePrinter: Sendable {
    /// The table layout used for `tabular`.
    public var renderer: TableRenderer

    /// Creates a printer.
    /// - Parameter renderer: The table layout for `tabular`.
    public init(renderer: TableRenderer = TableRenderer()) {
        self.renderer = renderer
    }

    /// The text for `resources` in `format`: a table (`tabular`), a pretty JSON array of bare resources with sorted
    /// keys (`json`), wrapped documents as a JSON stream (`wrapped-json`) or as YAML separated by `---` (`yaml`).
    /// - Parameters:
    ///   - resources: The resources, in the order to print.
    ///   - format: The output format.
    ///   - table: Builds the tabular view.
    /// - Throws: `EncodingError` (does not happen for the model types) or Yams' error if YAML emitting fails.
    public func render<R: Resource>(
        _ resources: [R], format: OutputFormat, table: ([R]) -> Table
    ) throws -> String {
        switch format {
        case .tabular:
            return renderer.render(table(resources))
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(resources), as: UTF8.self) + "\n"
        case .wrappedJSON:
            return try ResourceCodec.encodeJSON(resources.map { AnyResource($0) })
        case .yaml:
            return try ResourceCodec.encodeYAML(resources.map { AnyResource($0) })
        }
    }
}

extension ResourcePrinter {
    /// The text for one resource in `format` (`<type> info`): for `tabular` one `Title:  value` line per column of
    /// the type's table (titles aligned, values whole, not cut); `json` a pretty bare object; `wrapped-json` and
    /// `yaml` one wrapped document.
    /// - Throws: `EncodingError` or Yams' error if encoding fails.
    public func renderDetail<R: Resource>(_ resource: R, format: OutputFormat, table: ([R]) -> Table) throws -> String {
        switch format {
        case .tabular:
            let view = table([resource])
            let values = view.rows.first ?? []
            let width = view.headers.map(\.count).max() ?? 0
            return zip(view.headers, values).map { header, value in
                let title = header + ":"
                return title + String(repeating: " ", count: width + 3 - title.count) + value + "\n"
            }.joined()
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(resource), as: UTF8.self) + "\n"
        case .wrappedJSON, .yaml:
            return try render([resource], format: format, table: table)
        }
    }
}
