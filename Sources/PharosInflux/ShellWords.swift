/// Splits a handler's shell command line into words the way `sh -c` would for a simple command, so that the
/// built-in InfluxDB sink sees the same arguments the pipe handler process would get (POSIX Shell Command Language
/// §2.2 quoting: backslash, single quotes, double quotes).
///
/// Anything that `sh` would expand or interpret — `$`, `` ` ``, unquoted `|`, `;`, `&`, `<`, `>`, `(`, `)`, `*`, `?`,
/// `[`, `~`, `#` at the start of a word, or a line break — is refused, because the in-process sink cannot do what
/// the shell would have done.
enum ShellWords {
    /// - Parameter command: the command line.
    /// - Returns: the words, unquoted.
    /// - Throws: ``InfluxInvocationError`` (`.shellSyntax`) naming the character and its position (1-based).
    static func split(_ command: String) throws(InfluxInvocationError) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var scalars = Array(command.unicodeScalars)[...]
        var position = 0
        func refuse(_ scalar: Unicode.Scalar, _ why: String, at place: Int? = nil) -> InfluxInvocationError {
            InfluxInvocationError(.shellSyntax("'\(scalar)' at character \(place ?? position) \(why)"))
        }
        while let scalar = scalars.popFirst() {
            position += 1
            switch scalar {
            case " ", "\t":
                if inWord { words.append(current) }
                current = ""
                inWord = false
            case "\\":
                guard let next = scalars.popFirst() else { throw refuse(scalar, "ends the command") }
                position += 1
                if next == "\n" { continue }
                current.unicodeScalars.append(next)
                inWord = true
            case "'":
                let opening = position
                inWord = true
                var closed = false
                while let quoted = scalars.popFirst() {
                    position += 1
                    if quoted == "'" {
                        closed = true
                        break
                    }
                    current.unicodeScalars.append(quoted)
                }
                if !closed { throw refuse(scalar, "is not closed", at: opening) }
            case "\"":
                let opening = position
                inWord = true
                var closed = false
                while let quoted = scalars.popFirst() {
                    position += 1
                    if quoted == "\"" {
                        closed = true
                        break
                    }
                    if quoted == "$" || quoted == "`" { throw refuse(quoted, "would be expanded by the shell") }
                    if quoted == "\\", let escaped = scalars.first, ["$", "`", "\"", "\\", "\n"].contains(escaped) {
                        scalars.removeFirst()
                        position += 1
                        if escaped != "\n" { current.unicodeScalars.append(escaped) }
                        continue
                    }
                    current.unicodeScalars.append(quoted)
                }
                if !closed { throw refuse(scalar, "is not closed", at: opening) }
            case "$", "`", "*", "?", "[":
                throw refuse(scalar, "would be expanded by the shell")
            case "~" where !inWord, "#" where !inWord:
                throw refuse(scalar, "would be interpreted by the shell at the start of a word")
            case "|", ";", "&", "<", ">", "(", ")", "\n", "\r":
                throw refuse(scalar, "makes it more than one simple command")
            default:
                current.unicodeScalars.append(scalar)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
