import Foundation
import PharosCore

/// Helpers shared by the resource and codec tests.
enum TestJSON {
    /// Parses JSON text into a tree.
    static func tree(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// Decodes a model value from JSON text.
    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    /// Loads a fixture file from the test bundle.
    static func fixture(_ relativePath: String) throws -> String {
        let url = try fixtureURL(relativePath)
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func fixtureURL(_ relativePath: String) throws -> URL {
        guard let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile)
        }
        return root.appendingPathComponent(relativePath)
    }
}
