import Foundation

/// Splits a stream of concatenated JSON values (`{…}{…}` or `{…}\n{…}`) into the text of each value, as Go's
/// `json.Decoder.More()` loop reads them (reference §1.2 step 4).
enum JSONStreamScanner {
    /// One value of the stream.
    struct Value {
        /// The bytes of the value.
        var data: Data
        /// 0-based line offset of the value's first character within the scanned text.
        var lineOffset: Int
    }

    /// A value that does not end, or a top-level token that is not an object or array.
    struct ScanError: Error {
        var lineOffset: Int
        var message: String
    }

    static func values(in text: String) throws(ScanError) -> [Value] {
        let bytes = Array(text.utf8)
        var values: [Value] = []
        var index = 0
        var line = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                index += 1
                continue
            }
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
                index += 1
                continue
            }
            guard byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") else {
                throw ScanError(
                    lineOffset: line, message: "expected a JSON object, found \"\(Character(UnicodeScalar(byte)))\"")
            }
            let start = index
            let startLine = line
            var depth = 0
            var inString = false
            var escaped = false
            var finished = false
            while index < bytes.count {
                let current = bytes[index]
                index += 1
                if current == UInt8(ascii: "\n") { line += 1 }
                if inString {
                    if escaped {
                        escaped = false
                    } else if current == UInt8(ascii: "\\") {
                        escaped = true
                    } else if current == UInt8(ascii: "\"") {
                        inString = false
                    }
                    continue
                }
                switch current {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { finished = true }
                default: break
                }
                if finished { break }
            }
            guard finished else {
                throw ScanError(lineOffset: startLine, message: "unexpected end of JSON input")
            }
            values.append(Value(data: Data(bytes[start..<index]), lineOffset: startLine))
        }
        return values
    }
}
