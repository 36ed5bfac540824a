public import Foundation

/// Gathers the inputs of `pharosctl create -f` (sensuctl `create`, reference §1.2): files as given, the `.yaml`,
/// `.yml` and `.json` files of a directory (its subdirectories too with `-r`), and standard input for `-`.
public struct InputCollector: Sendable {
    /// File name extensions read from directories (compared case-insensitively).
    public static let extensions: Set<String> = ["yaml", "yml", "json"]

    /// Whether directories are searched recursively (`-r`).
    public var recursive: Bool

    /// Creates a collector.
    /// - Parameter recursive: Whether to descend into subdirectories.
    public init(recursive: Bool) {
        self.recursive = recursive
    }

    /// Reads every input named by `paths`, in order; a directory's files are sorted by path.
    /// - Parameters:
    ///   - paths: Files, directories, or `-` for standard input. Empty means standard input.
    ///   - standardInput: Reads standard input to its end (called at most once).
    /// - Returns: The inputs in order.
    /// - Throws: `CLIError` naming a path that does not exist or cannot be read, or a directory with no resource
    ///   files.
    public func collect(
        _ paths: [String], standardInput: () throws -> Data
    ) throws(CLIError) -> [ResourceInput] {
        var inputs: [ResourceInput] = []
        var readStandardInput = false
        for path in paths.isEmpty ? ["-"] : paths {
            if path == "-" {
                guard !readStandardInput else { continue }
                readStandardInput = true
                do {
                    inputs.append(ResourceInput(source: "-", data: try standardInput()))
                } catch {
                    throw CLIError("cannot read standard input: \(error.localizedDescription)")
                }
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CLIError("\(path): no such file or directory")
            }
            if isDirectory.boolValue {
                let found = try files(in: path)
                guard !found.isEmpty else {
                    throw CLIError(
                        "\(path): no .yaml, .yml or .json files\(recursive ? "" : " (use -r to search subdirectories)")"
                    )
                }
                for file in found { inputs.append(try read(file)) }
            } else {
                inputs.append(try read(path))
            }
        }
        return inputs
    }

    private func read(_ path: String) throws(CLIError) -> ResourceInput {
        do {
            return ResourceInput(source: path, data: try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw CLIError("\(path): cannot read: \(error.localizedDescription)")
        }
    }

    private func files(in directory: String) throws(CLIError) -> [String] {
        let manager = FileManager.default
        let names: [String]
        do {
            names =
                recursive
                ? try manager.subpathsOfDirectory(atPath: directory)
                : try manager.contentsOfDirectory(atPath: directory)
        } catch {
            throw CLIError("\(directory): cannot list: \(error.localizedDescription)")
        }
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        return names.map { base + $0 }.filter { path in
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                return false
            }
            let fileExtension = (path as NSString).pathExtension.lowercased()
            return Self.extensions.contains(fileExtension)
        }.sorted()
    }
}
