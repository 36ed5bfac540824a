/// One lexical token of a filter expression, with its 0-based offset in Unicode scalars.
struct ExpressionToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case number(Double)
        case string(String)
        /// An identifier or reserved word.
        case identifier(String)
        case regExp(pattern: String, flags: String)
        case punctuator(String)
        case end
    }

    let kind: Kind
    let offset: Int

    /// How the token reads in an error message (`'{'`, `number 3`, `end of expression`).
    var quoted: String {
        switch kind {
        case .number(let value): return "number \(JSValue.format(value))"
        case .string: return "string literal"
        case .identifier(let name): return "'\(name)'"
        case .regExp(let pattern, let flags): return "regular expression /\(pattern)/\(flags)"
        case .punctuator(let text): return "'\(text)'"
        case .end: return "end of expression"
        }
    }

    func isPunctuator(_ text: String) -> Bool {
        if case .punctuator(let value) = kind { return value == text }
        return false
    }
}
