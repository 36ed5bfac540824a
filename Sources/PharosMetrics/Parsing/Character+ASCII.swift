extension Character {
    /// `0`…`9` only (not other Unicode digits).
    var isASCIIDigit: Bool { self >= "0" && self <= "9" }

    /// `a`…`z` or `A`…`Z`.
    var isASCIILetter: Bool { (self >= "a" && self <= "z") || (self >= "A" && self <= "Z") }
}
