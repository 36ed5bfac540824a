public import Foundation

/// The pharosctl configuration directory holding the `cluster` and `profile` JSON files, both written with mode
/// 0600 (they hold tokens). Default: `$PHAROSCTL_CONFIG_DIR`, else `~/.config/pharos/pharosctl`.
public struct ConfigDirectory: Sendable, Hashable {
    /// The directory.
    public var url: URL

    /// Name of the file holding the API URL and tokens.
    public static let clusterFileName = "cluster"
    /// Name of the file holding the default namespace and format.
    public static let profileFileName = "profile"

    /// Uses `url` as the configuration directory.
    public init(url: URL) {
        self.url = url
    }

    /// The directory given by `--config-dir`, else `$PHAROSCTL_CONFIG_DIR`, else `$HOME/.config/pharos/pharosctl`.
    /// - Parameters:
    ///   - explicit: The `--config-dir` value, if any.
    ///   - environment: The process environment.
    public static func resolve(explicit: String?, environment: [String: String]) -> ConfigDirectory {
        if let explicit, !explicit.isEmpty { return ConfigDirectory(url: URL(fileURLWithPath: explicit)) }
        if let fromEnvironment = environment["PHAROSCTL_CONFIG_DIR"], !fromEnvironment.isEmpty {
            return ConfigDirectory(url: URL(fileURLWithPath: fromEnvironment))
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return ConfigDirectory(url: URL(fileURLWithPath: home).appendingPathComponent(".config/pharos/pharosctl"))
    }

    /// Reads the `cluster` file.
    /// - Returns: The configuration, or `nil` when the file does not exist (pharosctl is not configured).
    /// - Throws: `CLIError` when the file cannot be read or is not valid JSON of the expected shape.
    public func loadCluster() throws(CLIError) -> ClusterConfig? {
        try load(ClusterConfig.self, from: Self.clusterFileName)
    }

    /// Reads the `profile` file.
    /// - Returns: The profile, or `nil` when the file does not exist.
    /// - Throws: `CLIError` when the file cannot be read or is not valid JSON of the expected shape.
    public func loadProfile() throws(CLIError) -> ProfileConfig? {
        try load(ProfileConfig.self, from: Self.profileFileName)
    }

    /// Writes the `cluster` file (mode 0600), creating the directory (mode 0700) if needed.
    /// - Throws: `CLIError` naming the file when it cannot be written.
    public func save(_ cluster: ClusterConfig) throws(CLIError) {
        try save(cluster, to: Self.clusterFileName)
    }

    /// Writes the `profile` file (mode 0600), creating the directory (mode 0700) if needed.
    /// - Throws: `CLIError` naming the file when it cannot be written.
    public func save(_ profile: ProfileConfig) throws(CLIError) {
        try save(profile, to: Self.profileFileName)
    }

    private func load<T: Decodable>(_ type: T.Type, from name: String) throws(CLIError) -> T? {
        let file = url.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        do {
            let data = try Data(contentsOf: file)
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw CLIError("cannot read \(file.path): \(error.localizedDescription); run pharosctl configure")
        }
    }

    private func save<T: Encodable>(_ value: T, to name: String) throws(CLIError) {
        let file = url.appendingPathComponent(name)
        let manager = FileManager.default
        do {
            try manager.createDirectory(
                at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(value)
            // Create the file with mode 0600 before writing so the tokens are never readable by others.
            if !manager.fileExists(atPath: file.path) {
                guard manager.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600])
                else { throw CLIError("cannot create \(file.path)") }
            }
            try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
            let handle = try FileHandle(forWritingTo: file)
            defer { try? handle.close() }
            try handle.truncate(atOffset: 0)
            try handle.write(contentsOf: data + Data("\n".utf8))
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError("cannot write \(file.path): \(error.localizedDescription)")
        }
    }
}
