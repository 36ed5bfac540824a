import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard streams and terminal checks for the commands.
enum Terminal {
    /// Whether standard output is a terminal (colour is used only then).
    static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

    /// Whether tables use colour: stdout is a terminal and `NO_COLOR` is not set.
    static var colour: Bool {
        standardOutputIsTerminal && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    }

    /// Width of tables: `$COLUMNS` when set, else the terminal's width, else 80 (when not a terminal,
    /// 120 so files and pipes get whole lines).
    static var width: Int {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns >= 20 {
            return columns
        }
        guard standardOutputIsTerminal else { return 120 }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20 { return Int(size.ws_col) }
        return 80
    }

    /// Whether standard input is a terminal (interactive prompts are used only then).
    static var standardInputIsTerminal: Bool { isatty(STDIN_FILENO) != 0 }

    /// Writes `text` to standard output as is.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes `line` and a newline to standard error.
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Asks for a value on standard error and reads one line from standard input.
    /// - Returns: The answer without its newline, or `default` when the answer is empty or input ended.
    static func prompt(_ question: String, default defaultValue: String? = nil) -> String? {
        let suffix = defaultValue.map { " [\($0)]" } ?? ""
        FileHandle.standardError.write(Data("? \(question)\(suffix): ".utf8))
        guard let answer = readLine(), !answer.isEmpty else { return defaultValue }
        return answer
    }

    /// Asks for a password without echoing it.
    static func promptSecret(_ question: String) -> String? {
        #if canImport(Glibc) || canImport(Darwin)
            guard let pointer = getpass("? \(question): ") else { return nil }
            let value = String(cString: pointer)
            return value.isEmpty ? nil : value
        #else
            return prompt(question)
        #endif
    }
}
