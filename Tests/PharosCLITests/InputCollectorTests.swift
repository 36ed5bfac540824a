import Foundation
import PharosCLI
import Testing

/// `create -f` inputs: files, directories with and without `-r`, and standard input.
@Suite struct InputCollectorTests {
    private func makeTree() throws -> URL {
        let root = try CtlProcess.temporaryDirectory()
        let nested = root.appendingPathComponent("handlers")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        try Data("b".utf8).write(to: root.appendingPathComponent("b.yml"))
        try Data("a".utf8).write(to: root.appendingPathComponent("a.yaml"))
        try Data("readme".utf8).write(to: root.appendingPathComponent("README.md"))
        try Data("c".utf8).write(to: nested.appendingPathComponent("c.JSON"))
        return root
    }

    @Test func directoryWithoutRecursionReadsOnlyItsResourceFiles() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        let inputs = try InputCollector(recursive: false).collect([root.path]) { Data() }
        #expect(inputs.map(\.source) == ["\(root.path)/a.yaml", "\(root.path)/b.yml"])
        #expect(inputs.map { String(decoding: $0.data, as: UTF8.self) } == ["a", "b"])
    }

    @Test func recursiveDirectoryAndFilesAndStandardInputInOrder() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        var stdinReads = 0
        let inputs = try InputCollector(recursive: true).collect(
            ["-", root.path + "/", root.appendingPathComponent("README.md").path, "-"]
        ) {
            stdinReads += 1
            return Data("from stdin".utf8)
        }
        #expect(
            inputs.map(\.source) == [
                "-", "\(root.path)/a.yaml", "\(root.path)/b.yml", "\(root.path)/handlers/c.JSON",
                "\(root.path)/README.md",
            ])
        #expect(String(decoding: inputs[0].data, as: UTF8.self) == "from stdin")
        #expect(stdinReads == 1)
    }

    @Test func noPathsMeansStandardInput() throws {
        let inputs = try InputCollector(recursive: false).collect([]) { Data("x".utf8) }
        #expect(inputs == [ResourceInput(source: "-", data: Data("x".utf8))])
    }

    @Test func missingPathAndEmptyDirectoryAreErrors() throws {
        let root = try CtlProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let missing = #expect(throws: CLIError.self) {
            try InputCollector(recursive: false).collect([root.path + "/nope.yaml"]) { Data() }
        }
        #expect(missing?.description == "\(root.path)/nope.yaml: no such file or directory")
        let empty = #expect(throws: CLIError.self) {
            try InputCollector(recursive: false).collect([root.path]) { Data() }
        }
        #expect(
            empty?.description == "\(root.path): no .yaml, .yml or .json files (use -r to search subdirectories)")
    }
}
