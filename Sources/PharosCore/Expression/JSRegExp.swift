import Foundation

/// A compiled regular expression of the filter-expression language (`/ab+c/i` literals and string patterns).
///
/// The pattern uses ECMAScript 5 syntax (ES5 §15.10) and is translated to ICU syntax for `NSRegularExpression`:
/// `\d`, `\w` (and their negations) are ASCII-only as in JavaScript, `$` without the `m` flag matches only at the
/// end of the input, `[^]` matches any character and `[]` matches nothing; inside a character class the characters
/// ICU treats as set syntax (`[`, `&`, `~`, `$`, `:`, `{`, `}`) are literal. Equality compares source and flags.
public struct JSRegExp: Sendable, Hashable, CustomStringConvertible {
    /// The pattern text between the slashes, as written.
    public let source: String
    /// Flag `g`: `match` returns every match instead of the first with its groups.
    public let global: Bool
    /// Flag `i`: case-insensitive matching.
    public let ignoreCase: Bool
    /// Flag `m`: `^` and `$` also match at line breaks.
    public let multiline: Bool
    let compiled: NSRegularExpression

    /// Compiles a pattern.
    /// - Parameters:
    ///   - source: the ECMAScript pattern (without the delimiting slashes).
    ///   - flags: any of `g`, `i`, `m`, each at most once.
    /// - Throws: ``ExpressionError`` of kind ``ExpressionError/Kind/evaluation`` (a `SyntaxError`) naming the
    ///   pattern when a flag is unknown or repeated, or the pattern is not valid.
    public init(source: String, flags: String) throws(ExpressionError) {
        var global = false
        var ignoreCase = false
        var multiline = false
        for flag in flags {
            switch flag {
            case "g" where !global: global = true
            case "i" where !ignoreCase: ignoreCase = true
            case "m" where !multiline: multiline = true
            default:
                throw .syntaxError("invalid regular expression flags '\(flags)'", column: nil)
            }
        }
        guard let translated = Self.translate(source, multiline: multiline) else {
            throw .syntaxError("invalid regular expression /\(source)/: \\ at end of pattern", column: nil)
        }
        var options: NSRegularExpression.Options = []
        if ignoreCase { options.insert(.caseInsensitive) }
        if multiline { options.insert(.anchorsMatchLines) }
        do {
            compiled = try NSRegularExpression(pattern: translated, options: options)
        } catch {
            throw .syntaxError("invalid regular expression /\(source)/", column: nil)
        }
        self.source = source
        self.global = global
        self.ignoreCase = ignoreCase
        self.multiline = multiline
    }

    /// The flags in canonical order (`gim`).
    public var flags: String {
        (global ? "g" : "") + (ignoreCase ? "i" : "") + (multiline ? "m" : "")
    }

    /// `/source/flags`, as JavaScript's `RegExp.prototype.toString` renders it.
    public var description: String { "/\(source)/\(flags)" }

    public static func == (lhs: JSRegExp, rhs: JSRegExp) -> Bool {
        lhs.source == rhs.source && lhs.flags == rhs.flags
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(source)
        hasher.combine(flags)
    }

    /// The first match at or after `start` (UTF-16 offset): the capture ranges, group 0 first, `nil` for groups
    /// that did not participate.
    func firstMatch(in text: String, utf16Count: Int, from start: Int, anchored: Bool = false) -> [Range<Int>?]? {
        guard start <= utf16Count else { return nil }
        var options: NSRegularExpression.MatchingOptions = [.withTransparentBounds, .withoutAnchoringBounds]
        if anchored { options.insert(.anchored) }
        let range = NSRange(location: start, length: utf16Count - start)
        guard let result = compiled.firstMatch(in: text, options: options, range: range) else { return nil }
        return Self.groups(of: result)
    }

    /// Every non-overlapping match of group 0, as JavaScript's global `match` finds them.
    func allMatches(in text: String, utf16Count: Int) -> [Range<Int>] {
        let range = NSRange(location: 0, length: utf16Count)
        return compiled.matches(in: text, options: [], range: range).compactMap { Range($0.range) }
    }

    private static func groups(of result: NSTextCheckingResult) -> [Range<Int>?] {
        (0..<result.numberOfRanges).map { index in
            let range = result.range(at: index)
            return range.location == NSNotFound ? nil : Range(range)
        }
    }

    /// Rewrites an ECMAScript pattern into ICU syntax (see the type's documentation), or `nil` for a trailing `\`.
    static func translate(_ pattern: String, multiline: Bool) -> String? {
        let scalars = Array(pattern.unicodeScalars)
        var output = ""
        var inClass = false
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if scalar == "\\" {
                guard index < scalars.count else { return nil }
                let next = scalars[index]
                index += 1
                let nextIsDigit = index < scalars.count && ("0"..."9").contains(scalars[index])
                switch next {
                case "d": output += inClass ? "0-9" : "[0-9]"
                case "D" where !inClass: output += "[^0-9]"
                case "w": output += inClass ? "A-Za-z0-9_" : "[A-Za-z0-9_]"
                case "W" where !inClass: output += "[^A-Za-z0-9_]"
                case "b" where inClass: output += "\\x{8}"
                case "0" where !nextIsDigit: output += "\\x{0}"
                default:
                    output += "\\"
                    output.unicodeScalars.append(next)
                }
                continue
            }
            if inClass {
                switch scalar {
                case "]": inClass = false
                case "[", "&", "~", "$", ":", "{", "}": output += "\\"
                default: break
                }
                output.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "[":
                let rest = scalars[index...]
                if rest.starts(with: ["]"]) {
                    output += "(?!)"
                    index += 1
                } else if rest.starts(with: ["^", "]"]) {
                    output += "[\\s\\S]"
                    index += 2
                } else {
                    inClass = true
                    output += "["
                    if rest.first == "^" {
                        output += "^"
                        index += 1
                    }
                }
            case "$" where !multiline:
                output += "\\z"
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
