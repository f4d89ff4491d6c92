/// A small, fast JSON writer: keys in the order written, numbers without trailing zeros.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    init(capacity: Int = 2048) { bytes.reserveCapacity(capacity) }

    mutating func beginObject() { value(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    mutating func endObject() { bytes.append(UInt8(ascii: "}")); needsComma.removeLast() }
    mutating func beginArray() { value(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    mutating func endArray() { bytes.append(UInt8(ascii: "]")); needsComma.removeLast() }

    mutating func key(_ k: String) {
        value()
        string(k, asValue: false)
        bytes.append(UInt8(ascii: ":"))
        needsComma[needsComma.count - 1] = false
    }

    mutating func string(_ s: String) { value(); string(s, asValue: true) }
    mutating func optionalString(_ s: String?) { if let s { string(s) } else { null() } }
    mutating func bool(_ b: Bool) { value(); bytes.append(contentsOf: (b ? "true" : "false").utf8) }
    mutating func null() { value(); bytes.append(contentsOf: "null".utf8) }
    mutating func int(_ i: Int) {
        value()
        appendDigits(i)
    }

    /// Decimal digits without making a String.
    private mutating func appendDigits(_ i: Int) {
        if i < 0 { bytes.append(UInt8(ascii: "-")) }
        var v = i.magnitude
        if v < 10 {
            bytes.append(48 + UInt8(v))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            while v > 0 {
                d[n] = 48 + UInt8(v % 10)
                v /= 10
                n += 1
            }
            for k in stride(from: n - 1, through: 0, by: -1) { bytes.append(d[k]) }
        }
    }

    mutating func double(_ d: Double) {
        value()
        if d.isNaN || d.isInfinite {
            bytes.append(contentsOf: "null".utf8)
        } else if d == d.rounded(), abs(d) < 1e15 {
            appendDigits(Int(d))
        } else {
            bytes.append(contentsOf: "\(d)".utf8)
        }
    }

    /// A comma before every value but the first in its container.
    private mutating func value() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    private mutating func string(_ s: String, asValue: Bool) {
        bytes.append(UInt8(ascii: "\""))
        // Most strings need no escaping: copy them whole.
        let plain = s.utf8.withContiguousStorageIfAvailable { buf in
            for c in buf where c < 32 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") { return false }
            bytes.append(contentsOf: buf)
            return true
        }
        if plain == true {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [92, 92])
            case 10: bytes.append(contentsOf: [92, 110])
            case 13: bytes.append(contentsOf: [92, 114])
            case 9: bytes.append(contentsOf: [92, 116])
            case 0..<32:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [92, 117, 48, 48, hex[Int(b >> 4)], hex[Int(b & 15)]])
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
