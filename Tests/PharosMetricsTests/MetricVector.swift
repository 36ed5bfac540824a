import Foundation
import PharosCore
import PharosMetrics
import Testing

/// The timestamp (Unix seconds) every test passes as `check.executed`.
let executed: Int64 = 1_700_000_000

/// A metric point with `executed` as the default timestamp and tags given as pairs.
func point(_ name: String, _ value: Double, at timestamp: Int64 = executed, _ tags: [(String, String)] = [])
    -> MetricPoint
{
    MetricPoint(name: name, value: value, timestamp: timestamp, tags: tags.map { MetricTag(name: $0.0, value: $0.1) })
}

/// A well-formed input and the exact points it must give (no diagnostics).
struct MetricVector: Sendable, CustomTestStringConvertible {
    var input: String
    var points: [MetricPoint]

    init(_ input: String, _ points: [MetricPoint]) {
        self.input = input
        self.points = points
    }

    var testDescription: String { input.debugDescription }
}

/// An input with problems: the exact points still produced and the exact diagnostics.
struct MalformedVector: Sendable, CustomTestStringConvertible {
    var input: String
    var points: [MetricPoint]
    var diagnostics: [MetricDiagnostic]

    init(_ input: String, _ diagnostics: [MetricDiagnostic], points: [MetricPoint] = []) {
        self.input = input
        self.points = points
        self.diagnostics = diagnostics
    }

    var testDescription: String { input.debugDescription }
}

/// A diagnostic at `line`, `column`.
func diagnostic(_ line: Int, _ column: Int, _ message: String) -> MetricDiagnostic {
    MetricDiagnostic(line: line, column: column, message: message)
}

/// The text of `name` in the test bundle's `Fixtures` directory.
func fixture(_ name: String, _ ext: String) throws -> String {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures"))
    return try String(contentsOf: url, encoding: .utf8)
}
