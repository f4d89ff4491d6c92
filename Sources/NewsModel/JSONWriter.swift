/// A small, fast JSON writer: keys in the order written, numbers without trailing zeros.
public struct JSONWriter {
    /// The JSON written so far.
    public var bytes: [UInt8] { output }
    @usableFromInline var output: [UInt8] = []
    /// One bit per open container (up to 64 deep): whether the next value there needs a comma first.
    @usableFromInline var commaBits: UInt64 = 0

    @inlinable public init(capacity: Int = 2048) { output.reserveCapacity(capacity) }

    /// One object, its fields written by `fields`.
    @inlinable public static func object(_ fields: (inout JSONWriter) -> Void) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        fields(&w)
        w.endObject()
        return w.bytes
    }

    @inlinable public mutating func beginObject() { value(); output.append(UInt8(ascii: "{")); commaBits <<= 1 }
    @inlinable public mutating func endObject() { output.append(UInt8(ascii: "}")); commaBits >>= 1 }
    @inlinable public mutating func beginArray() { value(); output.append(UInt8(ascii: "[")); commaBits <<= 1 }
    @inlinable public mutating func endArray() { output.append(UInt8(ascii: "]")); commaBits >>= 1 }

    /// Keys are literals the writer's callers control: written as they are, without an escaping scan.
    @inlinable public mutating func key(_ k: StaticString) {
        value()
        output.append(UInt8(ascii: "\""))
        output.append(contentsOf: UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount))  // one copy, not a loop of appends
        output.append(UInt8(ascii: "\""))
        output.append(UInt8(ascii: ":"))
        commaBits &= ~1
    }

    /// A key made at run time (event attribute names): escaped like any string.
    @inlinable public mutating func key(_ k: String) {
        string(k)
        output.append(UInt8(ascii: ":"))
        commaBits &= ~1
    }

    @inlinable public mutating func string(_ s: String) { value(); string(s, asValue: true) }

    /// `"key": ["a", "b"]`.
    @inlinable public mutating func strings(_ k: StaticString, _ items: [String]) {
        key(k)
        beginArray()
        for item in items { string(item) }
        endArray()
    }

    /// `"key": [{…}, …]`: one object per element, its fields written by `fields`.
    @inlinable public mutating func objects<S: Sequence>(_ k: StaticString, _ items: S, _ fields: (inout JSONWriter, S.Element) -> Void) {
        key(k)
        beginArray()
        for item in items {
            beginObject()
            fields(&self, item)
            endObject()
        }
        endArray()
    }

    /// `"key": value` pairs, the common case.
    @inlinable public mutating func field(_ k: StaticString, _ v: String) {
        key(k)
        string(v)
    }
    @inlinable public mutating func field(_ k: StaticString, _ v: String?) {
        key(k)
        optionalString(v)
    }
    @inlinable public mutating func field(_ k: StaticString, _ v: Int) {
        key(k)
        int(v)
    }
    @inlinable public mutating func field(_ k: StaticString, _ v: Bool) {
        key(k)
        bool(v)
    }
    @inlinable public mutating func field(_ k: StaticString, _ v: Double) {
        key(k)
        double(v)
    }
    /// A value already encoded as JSON (an article encoded once for many alerts).
    @inlinable public mutating func encoded(_ json: [UInt8]) { value(); output += json }
    @inlinable public mutating func optionalString(_ s: String?) { if let s { string(s) } else { null() } }
    @inlinable public mutating func bool(_ b: Bool) { value(); output.append(contentsOf: (b ? "true" : "false").utf8) }
    @inlinable public mutating func null() { value(); output.append(contentsOf: "null".utf8) }
    @inlinable public mutating func int(_ i: Int) {
        value()
        appendDigits(i)
    }

    /// Decimal digits without making a String.
    @inlinable mutating func appendDigits(_ i: Int) {
        if i < 0 { output.append(UInt8(ascii: "-")) }
        var v = i.magnitude
        if v < 10 {
            output.append(48 + UInt8(v))
            return
        }
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            while v > 0 {
                d[n] = 48 + UInt8(v % 10)
                v /= 10
                n += 1
            }
            for k in stride(from: n - 1, through: 0, by: -1) { output.append(d[k]) }
        }
    }

    @inlinable public mutating func double(_ d: Double) {
        value()
        if d.isNaN || d.isInfinite {
            output.append(contentsOf: "null".utf8)
        } else if d == d.rounded(), abs(d) < 1e15 {
            appendDigits(Int(d))
        } else {
            output.append(contentsOf: "\(d)".utf8)
        }
    }

    /// A number in −1000…1000 to three decimals, without trailing zeros (scores): no float-to-text conversion.
    @inlinable public mutating func thousandths(_ d: Double) {
        guard d.isFinite, abs(d) < 1000 else { return double(d) }
        value()
        var milli = Int((d * 1000).rounded())
        if milli < 0 {
            output.append(UInt8(ascii: "-"))
            milli = -milli
        }
        appendDigits(milli / 1000)
        var frac = milli % 1000
        guard frac != 0 else { return }
        output.append(UInt8(ascii: "."))
        var digits = 3
        while frac % 10 == 0 {
            frac /= 10
            digits -= 1
        }
        let text = String(frac)
        for _ in 0..<(digits - text.utf8.count) { output.append(UInt8(ascii: "0")) }
        output.append(contentsOf: text.utf8)
    }

    /// A comma before every value but the first in its container.
    @inlinable mutating func value() {
        if commaBits & 1 != 0 { output.append(UInt8(ascii: ",")) }
        commaBits |= 1
    }

    @inlinable mutating func escape(_ c: UInt8) {
        output.append(92)
        output.append(c)
    }

    @inlinable mutating func string(_ s: String, asValue: Bool) {
        output.append(UInt8(ascii: "\""))
        if s.utf8.withContiguousStorageIfAvailable({ appendEscaped($0) }) == nil {
            var contiguous = s
            contiguous.makeContiguousUTF8()
            contiguous.utf8.withContiguousStorageIfAvailable { appendEscaped($0) }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Copies the runs of bytes that need no escape whole (most strings are one run), escaping the bytes between.
    @inlinable mutating func appendEscaped(_ buf: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for i in 0..<buf.count {
            let b = buf[i]
            guard b < 32 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<i]))
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): escape(b)
            case 10: escape(110)
            case 13: escape(114)
            case 9: escape(116)
            default:
                let hex = { (d: UInt8) -> UInt8 in d < 10 ? 48 + d : 87 + d }
                output.append(contentsOf: [92, 117, 48, 48, hex(b >> 4), hex(b & 15)])
            }
            runStart = i + 1
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart...]))
    }
}
