import Foundation

/// How a check command is started: directly (`argv` split at spaces) when it has no shell syntax, otherwise with
/// `/bin/sh -c` (reference §5.4; executing plain commands directly, as Nagios does, saves a shell per check).
public struct CommandPlan: Sendable, Hashable {
    /// The executable's path.
    public var executable: String
    /// The arguments after the executable.
    public var arguments: [String]

    /// Characters that make a command line need a shell: quoting, expansion, redirection, control operators,
    /// globbing, comments and line breaks.
    static let shellCharacters: Set<Character> = [
        "|", "&", ";", "<", ">", "(", ")", "$", "`", "\\", "\"", "'", "*", "?", "[", "]", "#", "~", "%", "{", "}",
        "!", "\n", "\r", "\t",
    ]

    /// The plan for `command` with `environment`'s `PATH`: direct when the command has no shell syntax, its first
    /// word is not a variable assignment and the program is found (a path with `/`, or an executable file in a
    /// `PATH` directory); `sh -c` otherwise (so the shell reports a missing program as usual, status 127).
    public static func make(command: String, environment: [String: String]) -> CommandPlan {
        let shell = CommandPlan(executable: "/bin/sh", arguments: ["-c", command])
        guard !command.contains(where: { shellCharacters.contains($0) }) else { return shell }
        let words = command.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let program = words.first, !program.contains("=") else { return shell }
        guard let executable = resolve(program, path: environment["PATH"] ?? "/usr/bin:/bin") else { return shell }
        return CommandPlan(executable: executable, arguments: Array(words.dropFirst()))
    }

    /// The path of `program`: itself when it contains `/` and is executable, else the first executable file of
    /// that name in a `PATH` directory.
    static func resolve(_ program: String, path: String) -> String? {
        let files = FileManager.default
        if program.contains("/") {
            return files.isExecutableFile(atPath: program) ? program : nil
        }
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(program)"
            var isDirectory: ObjCBool = false
            if files.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                files.isExecutableFile(atPath: candidate)
            {
                return candidate
            }
        }
        return nil
    }
}
