/// The parsed form of a token template: literal text and actions (`{{ pipeline }}`), a subset of Go's
/// `text/template` parse tree.
enum TemplateNode: Sendable, Hashable {
    /// Literal text, already trimmed by `{{-` / `-}}` markers.
    case text(String)
    /// An action, with its source text (for error messages) and position.
    case action(Pipeline, source: String, position: Position)

    /// A 1-based line and column (in Unicode scalars).
    struct Position: Sendable, Hashable {
        var line: Int
        var column: Int
    }

    /// Commands joined by `|`; each command's result is passed as the last argument of the next.
    struct Pipeline: Sendable, Hashable {
        var commands: [Command]
    }

    /// One command: a function call with arguments, or a single value.
    struct Command: Sendable, Hashable {
        var operands: [Operand]
        var position: Position
    }

    /// An operand of a command.
    indirect enum Operand: Sendable, Hashable {
        /// `.a.b.c` (`[]` for `.` itself).
        case field([String], Position)
        /// A function name (`default`, `assetPath`, `index`).
        case function(String, Position)
        case string(String)
        case number(Double)
        case bool(Bool)
        case null(Position)
        /// `( pipeline )`.
        case pipeline(Pipeline, Position)
    }
}
