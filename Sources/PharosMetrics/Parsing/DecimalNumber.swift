/// The decimal number grammar shared by the text metric formats:
/// `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`, e.g. `42`, `-0.5`, `.5`, `1.5e+06`.
///
/// Swift's `Double(String)` alone is too lenient (it takes hex floats, `nan`, `inf`), so the text is checked
/// against this grammar first and the result must be finite.
enum DecimalNumber {
    /// The end of the longest prefix of `text` that is a decimal number, or `nil` when `text` does not start
    /// with one. An `e` not followed by digits is not part of the number (`5events` → `5`).
    static func prefixEnd(in text: Substring) -> Substring.Index? {
        var index = text.startIndex
        if index < text.endIndex, text[index] == "+" || text[index] == "-" {
            index = text.index(after: index)
        }
        let integerDigits = skipDigits(in: text, from: index)
        var sawDigits = integerDigits > index
        index = integerDigits
        if index < text.endIndex, text[index] == "." {
            let fractionDigits = skipDigits(in: text, from: text.index(after: index))
            if fractionDigits > text.index(after: index) || sawDigits {
                sawDigits = true
                index = fractionDigits
            }
        }
        guard sawDigits else { return nil }
        if index < text.endIndex, text[index] == "e" || text[index] == "E" {
            var exponent = text.index(after: index)
            if exponent < text.endIndex, text[exponent] == "+" || text[exponent] == "-" {
                exponent = text.index(after: exponent)
            }
            let exponentDigits = skipDigits(in: text, from: exponent)
            if exponentDigits > exponent {
                index = exponentDigits
            }
        }
        return index
    }

    /// `text` as a finite `Double` when all of it matches the grammar, else `nil`.
    static func parse(_ text: Substring) -> Double? {
        guard let end = prefixEnd(in: text), end == text.endIndex, let value = Double(String(text)),
            value.isFinite
        else { return nil }
        return value
    }

    /// `text` as an `Int64` when it is `[+-]?digits` and in range, else `nil`.
    static func parseInteger(_ text: Substring) -> Int64? {
        var digits = text
        if let first = digits.first, first == "+" || first == "-" {
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int64(String(text))
    }

    /// `true` when `text` is one or more ASCII digits.
    static func isDigits(_ text: Substring) -> Bool {
        !text.isEmpty && text.allSatisfy(\.isASCIIDigit)
    }

    private static func skipDigits(in text: Substring, from start: Substring.Index) -> Substring.Index {
        var index = start
        while index < text.endIndex, text[index].isASCIIDigit {
            index = text.index(after: index)
        }
        return index
    }
}
