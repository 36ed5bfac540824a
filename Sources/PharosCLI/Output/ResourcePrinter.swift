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
