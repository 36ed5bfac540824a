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

    /// `seed-demo/...` paths resolve into the project's shared fixtures (`$PHAROS_SHARED_DIR`, default `../shared`
    /// beside the repository), which are not copied into the repository: some of them carry no licence.
    static func fixtureURL(_ relativePath: String) throws -> URL {
        if relativePath == "seed-demo" || relativePath.hasPrefix("seed-demo/") {
            return sharedDirectory().appendingPathComponent("fixtures").appendingPathComponent(relativePath)
        }
        guard let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile)
        }
        return root.appendingPathComponent(relativePath)
    }

    /// The shared directory: `$PHAROS_SHARED_DIR`, else `<repository>/../shared`.
    static func sharedDirectory() -> URL {
        if let configured = ProcessInfo.processInfo.environment["PHAROS_SHARED_DIR"], !configured.isEmpty {
            return URL(fileURLWithPath: configured)
        }
        let repository = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return repository.deletingLastPathComponent().appendingPathComponent("shared")
    }
}
