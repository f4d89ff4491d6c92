import NewsAnalysis

/// Reads one NDJSON article record: a JSON object whose wanted fields are strings (an `id` may be a number).
///
/// It validates the whole line as JSON (RFC 8259) but decodes only the wanted fields; other values, nested ones
/// included, are checked and skipped. Errors name the byte where the line stops being JSON.
public struct RecordReader {
    public struct Failure: Error {
        public var message: String
    }

    /// The line, read through a buffer pointer: every byte is looked at, and array bounds checks would dominate.
    /// Every index is checked against `b.count` by the reader itself.
    private let b: UnsafeBufferPointer<UInt8>
    private var i = 0

    /// The wanted fields' values, by name; absent and `null` fields are missing.
    public static func read(_ bytes: [UInt8], wanted: Set<String>) throws(Failure) -> [String: String] {
        let result: Result<[String: String], Failure> = bytes.withUnsafeBufferPointer { buf in
            var r = RecordReader(b: buf)
            do throws(Failure) { return .success(try r.object(wanted: wanted)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    private init(b: UnsafeBufferPointer<UInt8>) { self.b = b }

    private mutating func object(wanted: Set<String>) throws(Failure) -> [String: String] {
        skipSpace()
        guard i < b.count else { throw Failure(message: "malformed JSON: the line is empty") }
        guard b[i] == UInt8(ascii: "{") else {
            let kind: String
            switch b[i] {
            case UInt8(ascii: "["): kind = "an array"
            case UInt8(ascii: "\""): kind = "a string"
            case UInt8(ascii: "n"): kind = "null"
            case UInt8(ascii: "t"), UInt8(ascii: "f"): kind = "a boolean"
            default: kind = "a number"
            }
            try skipValue()  // so that malformed input is reported as such
            throw Failure(message: "expected a JSON object with \"title\" or \"body\", found \(kind)")
        }
        i += 1
        var fields: [String: String] = [:]
        skipSpace()
        if peek(UInt8(ascii: "}")) {
            i += 1
        } else {
            while true {
                skipSpace()
                guard peek(UInt8(ascii: "\"")) else { throw fail("expected a field name in quotes") }
                let key = try fieldName(wanted: wanted)
                skipSpace()
                guard peek(UInt8(ascii: ":")) else { throw fail("expected ':' after the field name") }
                i += 1
                skipSpace()
                if let key {
                    guard i < b.count else { throw fail("expected a value") }
                    switch b[i] {
                    case UInt8(ascii: "\""): fields[key] = try string()
                    case UInt8(ascii: "n"): try literal("null")
                    case UInt8(ascii: "-") where key == "id", UInt8(ascii: "0")...UInt8(ascii: "9") where key == "id":
                        let start = i
                        try number()
                        fields[key] = String(decoding: b[start..<i], as: UTF8.self)
                    default:
                        let kind = b[i] == UInt8(ascii: "{") ? "an object" : b[i] == UInt8(ascii: "[") ? "an array" : "not a string"
                        try skipValue()
                        throw Failure(message: "field \"\(key)\" must be a string, found \(kind)")
                    }
                } else {
                    try skipValue()
                }
                skipSpace()
                guard i < b.count else { throw fail("unexpected end of line inside the object") }
                if b[i] == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                guard b[i] == UInt8(ascii: "}") else { throw fail("expected ',' or '}'") }
                i += 1
                break
            }
        }
        skipSpace()
        guard i == b.count else { throw fail("unexpected text after the object") }
        return fields
    }

    /// A field name: the wanted name it equals, or nil. Plain names (no escapes) are compared as bytes.
    private mutating func fieldName(wanted: Set<String>) throws(Failure) -> String? {
        var j = i + 1
        while j < b.count, b[j] != UInt8(ascii: "\""), b[j] != UInt8(ascii: "\\"), b[j] >= 32 { j += 1 }
        if j < b.count, b[j] == UInt8(ascii: "\""), j - i - 1 <= 16 {
            let name = b[(i + 1)..<j]
            i = j + 1
            return wanted.first { $0.utf8.elementsEqual(name) }
        }
        let key = try string()  // escapes or a long name: decode it properly
        return wanted.contains(key) ? key : nil
    }

    private func fail(_ what: String) -> Failure {
        Failure(message: "malformed JSON at byte \(i + 1): \(what)")
    }

    @inline(__always) private func peek(_ c: UInt8) -> Bool { i < b.count && b[i] == c }

    private mutating func skipSpace() {
        while i < b.count, b[i] == 32 || b[i] == 9 || b[i] == 10 || b[i] == 13 { i += 1 }
    }

    private mutating func skipValue(depth: Int = 0) throws(Failure) {
        guard depth < 512 else { throw fail("nested too deeply") }
        skipSpace()
        guard i < b.count else { throw fail("expected a value") }
        switch b[i] {
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close = b[i] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            let isObject = close == UInt8(ascii: "}")
            i += 1
            skipSpace()
            if peek(close) {
                i += 1
                return
            }
            while true {
                skipSpace()
                if isObject {
                    guard peek(UInt8(ascii: "\"")) else { throw fail("expected a field name in quotes") }
                    _ = try string()
                    skipSpace()
                    guard peek(UInt8(ascii: ":")) else { throw fail("expected ':' after the field name") }
                    i += 1
                }
                try skipValue(depth: depth + 1)
                skipSpace()
                guard i < b.count else { throw fail("unexpected end of line") }
                if b[i] == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                guard b[i] == close else { throw fail("expected ',' or '\(Character(Unicode.Scalar(close)))'") }
                i += 1
                return
            }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: try number()
        }
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let w = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard i + w.count <= b.count, UnsafeBufferPointer(rebasing: b[i..<(i + w.count)]).elementsEqual(w) else { throw fail("unknown literal") }
        i += w.count
    }

    private mutating func number() throws(Failure) {
        let start = i
        if peek(UInt8(ascii: "-")) { i += 1 }
        guard i < b.count, ByteClass.isDigit(b[i]) else { throw fail("expected a value") }
        if b[i] == UInt8(ascii: "0") { i += 1 } else { while i < b.count, ByteClass.isDigit(b[i]) { i += 1 } }
        if peek(UInt8(ascii: ".")) {
            i += 1
            guard i < b.count, ByteClass.isDigit(b[i]) else { throw fail("expected digits after '.'") }
            while i < b.count, ByteClass.isDigit(b[i]) { i += 1 }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            i += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { i += 1 }
            guard i < b.count, ByteClass.isDigit(b[i]) else { throw fail("expected an exponent") }
            while i < b.count, ByteClass.isDigit(b[i]) { i += 1 }
        }
        if i == start { throw fail("expected a value") }
    }

    /// A string value; `i` is at its opening quote. Unescaped runs are copied whole.
    private mutating func string() throws(Failure) -> String {
        i += 1
        var out: [UInt8] = []
        var runStart = i
        while true {
            guard i < b.count else { throw fail("unterminated string") }
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                if out.isEmpty {
                    let s = String(decoding: b[runStart..<i], as: UTF8.self)
                    i += 1
                    return s
                }
                out.append(contentsOf: b[runStart..<i])
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c < 32 { throw fail("control character inside a string") }
            if c != UInt8(ascii: "\\") {
                i += 1
                continue
            }
            out.append(contentsOf: b[runStart..<i])
            i += 1
            guard i < b.count else { throw fail("unterminated escape") }
            switch b[i] {
            case UInt8(ascii: "\""): out.append(34)
            case UInt8(ascii: "\\"): out.append(92)
            case UInt8(ascii: "/"): out.append(47)
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    // A surrogate pair: the low half must follow.
                    guard i + 2 < b.count, b[i + 1] == UInt8(ascii: "\\"), b[i + 2] == UInt8(ascii: "u") else { throw fail("lone surrogate") }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw fail("bad surrogate pair") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00..<0xE000).contains(scalar) {
                    throw fail("lone surrogate")
                }
                out.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
            default: throw fail("unknown escape")
            }
            i += 1
            runStart = i
        }
    }

    /// Four hex digits after `\u`; leaves `i` on the last one.
    private mutating func hex4() throws(Failure) -> UInt32 {
        guard i + 4 < b.count else { throw fail("short \\u escape") }
        var v: UInt32 = 0
        for k in 1...4 {
            let c = b[i + k]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - 55)
            default: throw fail("bad \\u escape")
            }
            v = v << 4 | d
        }
        i += 4
        return v
    }
}
