import Foundation
import Yams

/// One entry of the agent allow list (Sensu Go 6.x `--allow-list`, reference §5.3): a command is allowed when its
/// program is `exec` (as written or as resolved through `PATH`) and every further word is one of `args`.
public struct AllowListEntry: Sendable, Hashable, Codable {
    /// The program: a name or an absolute path.
    public var exec: String
    /// The allowed arguments (exact words); empty allows no arguments.
    public var args: [String]
    /// The executable's sha512 (accepted; not verified by this agent).
    public var sha512: String
    /// Whether the check's `env_vars` are applied (default `true`).
    public var enableEnv: Bool

    /// Creates an entry.
    public init(exec: String, args: [String] = [], sha512: String = "", enableEnv: Bool = true) {
        self.exec = exec
        self.args = args
        self.sha512 = sha512
        self.enableEnv = enableEnv
    }

    enum CodingKeys: String, CodingKey {
        case exec, args, sha512
        case enableEnv = "enable_env"
    }

    /// Decodes an entry; missing `args`, `sha512` and `enable_env` take their defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        exec = try container.decode(String.self, forKey: .exec)
        args = try container.decodeIfPresent([String].self, forKey: .args) ?? []
        sha512 = try container.decodeIfPresent(String.self, forKey: .sha512) ?? ""
        enableEnv = try container.decodeIfPresent(Bool.self, forKey: .enableEnv) ?? true
    }

    /// Reads an allow-list file (YAML or JSON: a list of entries).
    /// - Throws: `ConfigurationError` naming the file and the problem.
    public static func load(path: String) throws(ConfigurationError) -> [AllowListEntry] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError("--allow-list: cannot read \(path): \(error.localizedDescription)")
        }
        do {
            return try YAMLDecoder().decode([AllowListEntry].self, from: text)
        } catch {
            throw ConfigurationError(
                "--allow-list: \(path) is not a list of {exec, args, sha512, enable_env}: \(error)")
        }
    }

    /// Whether this entry allows `command` (after token substitution) run with `path` as `PATH`.
    public func allows(_ command: String, path: String) -> Bool {
        let words = command.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let program = words.first else { return false }
        let resolved = CommandPlan.resolve(program, path: path)
        guard program == exec || resolved == exec else { return false }
        return words.dropFirst().allSatisfy { args.contains($0) }
    }
}
