/// The cleaned text of one article (title, a newline, then body) in the forms the enrichers read:
/// UTF-8 bytes, a normalised copy for matching, the sentence around an offset, and byte-to-scalar offsets for reporting.
public struct ArticleText: Sendable {
    /// The text as a String, made when asked.
    public var string: String { String(decoding: bytes, as: UTF8.self) }
    public let bytes: [UInt8]
    /// Byte offset where the title ends (the newline after it).
    public let titleEnd: Int
    /// Matching copy: curly quotes straightened, dashes and no-break spaces made ASCII, whitespace runs one space.
    public let normalized: [UInt8]
    /// For each normalised byte, the offset of the original byte it came from (plus one end entry).
    public let origin: [Int32]
    /// Scalars before each 64-byte block: offsets are counted from the block start on demand.
    private let scalarsBeforeBlock: [Int32]

    public init(title: String, body: String) {
        self.init(title: title, bodyBytes: Array(body.utf8)[...])
    }

    /// From the cleaned body's bytes, so cleaning never round-trips through String.
    public init(title: String, bodyBytes: ArraySlice<UInt8>) {
        let t = title.trimmingWhitespace()
        var all: [UInt8] = []
        all.reserveCapacity(t.utf8.count + 1 + bodyBytes.count)
        all.append(contentsOf: t.utf8)
        all.append(10)
        all.append(contentsOf: bodyBytes)
        bytes = all
        titleEnd = t.utf8.count
        var norm: [UInt8] = []
        var origin: [Int32] = []
        let n = bytes.count
        var blocks = [Int32](repeating: 0, count: n / 64 + 2)
        blocks.withUnsafeMutableBufferPointer { out in
            all.withUnsafeBufferPointer { src in
                // Scalars before each 64-byte block: count the non-continuation bytes of each block.
                var scalarCount: Int32 = 0
                var block = 0
                while block * 64 < n {
                    out[block] = scalarCount
                    let end = min(n, block * 64 + 64)
                    for k in (block * 64)..<end where src[k] & 0xC0 != 0x80 { scalarCount &+= 1 }
                    block += 1
                }
                out[block] = scalarCount
            }
        }
        scalarsBeforeBlock = blocks
        // One pass, writing into preallocated buffers: the normalised copy is never longer than the text.
        var count = 0
        norm = [UInt8](unsafeUninitializedCapacity: n) { normOut, normCount in
            origin = [Int32](unsafeUninitializedCapacity: n + 1) { originOut, originCount in
                all.withUnsafeBufferPointer { src in
                    var i = 0
                    var lastWasSpace = false
                    while i < n {
                        let b = src[i]
                        // The common case first: printable ASCII is copied as it is, and a space only when it
                        // does not follow another. Without a branch on the space, which would be mispredicted at
                        // every word.
                        if b &- 32 < 95 {
                            let isSpace = b == 32
                            normOut[count] = b
                            originOut[count] = Int32(truncatingIfNeeded: i)
                            count &+= isSpace && lastWasSpace ? 0 : 1
                            lastWasSpace = isSpace
                            i &+= 1
                            continue
                        }
                        var out: UInt8 = b
                        var width = 1
                        if b == 0xE2, i + 2 < n, src[i + 1] == 0x80 {
                            switch src[i + 2] {
                            case 0x98, 0x99, 0xB2: out = UInt8(ascii: "'")
                            case 0x9C, 0x9D: out = UInt8(ascii: "\"")
                            case 0x90, 0x91, 0x92, 0x93, 0x94: out = UInt8(ascii: "-")
                            case 0xAF, 0x89, 0x8A: out = UInt8(ascii: " ")
                            default: out = b
                            }
                            if out != b { width = 3 }
                        } else if b == 0xC2, i + 1 < n, src[i + 1] == 0xA0 {
                            out = UInt8(ascii: " ")
                            width = 2
                        } else if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r") {
                            out = UInt8(ascii: " ")
                        }
                        let isSpace = out == UInt8(ascii: " ")
                        if !(isSpace && lastWasSpace) {
                            normOut[count] = out
                            originOut[count] = Int32(i)
                            count += 1
                        }
                        lastWasSpace = isSpace
                        i += width
                    }
                }
                originOut[count] = Int32(n)
                originCount = count + 1
            }
            normCount = count
        }
        normalized = norm
        self.origin = origin
    }

    /// The Unicode scalar offset of a byte offset (what the output contract counts in).
    public func scalarOffset(_ byte: Int) -> Int {
        let at = min(byte, bytes.count)
        var count = Int(scalarsBeforeBlock[at >> 6])
        var k = at & ~63
        while k < at {
            if bytes[k] & 0xC0 != 0x80 { count += 1 }
            k += 1
        }
        return count
    }

    /// The byte offset of a Unicode scalar offset: the inverse of `scalarOffset`.
    public func byteOffset(ofScalar scalar: Int) -> Int {
        // The last block that starts at or before the scalar, then a walk within it.
        var lo = 0
        var hi = min(scalarsBeforeBlock.count - 1, bytes.count >> 6)
        while lo < hi {
            let mid = (lo + hi + 1) >> 1
            if Int(scalarsBeforeBlock[mid]) <= scalar { lo = mid } else { hi = mid - 1 }
        }
        var count = Int(scalarsBeforeBlock[lo])
        var k = lo << 6
        while k < bytes.count {
            if bytes[k] & 0xC0 != 0x80 {
                if count == scalar { return k }
                count += 1
            }
            k += 1
        }
        return bytes.count
    }

    /// The original text of a byte range.
    public func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The original byte range of a normalised range.
    public func originalRange(_ normalizedRange: Range<Int>) -> Range<Int> {
        let start = Int(origin[normalizedRange.lowerBound])
        let lastByte = Int(origin[normalizedRange.upperBound - 1])
        // The last normalised byte may stand for a multi-byte character: extend to its end.
        var end = lastByte + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return start..<end
    }

    /// The sentence holding a byte offset, found from the boundaries around it; titles and paragraph breaks end
    /// sentences too.
    public func sentence(containing byte: Int) -> Range<Int> {
        let b = bytes
        let at = min(max(byte, 0), b.count)
        // Back to the previous boundary: a newline, or ". " before an upper-case start that is not an abbreviation.
        var start = at
        while start > 0 {
            if b[start - 1] == 10 { break }
            if b[start - 1] == 32, start >= 2, Self.endsSentence(b, atSpace: start - 1) { break }
            start -= 1
        }
        var end = at
        while end < b.count {
            if b[end] == 10 { break }
            if b[end] == 32, Self.endsSentence(b, atSpace: end) { break }
            end += 1
        }
        while start < end, b[start] == 32 { start += 1 }
        return start..<end
    }

    /// Whether the space at `space` ends a sentence: punctuation (and closing quotes) before it, a sentence start after.
    static func endsSentence(_ b: [UInt8], atSpace space: Int) -> Bool {
        guard space + 1 < b.count else { return false }
        var p = space - 1
        while p >= 0, b[p] == UInt8(ascii: "\"") || b[p] == UInt8(ascii: ")") || b[p] == UInt8(ascii: "'") { p -= 1 }
        guard p >= 0 else { return false }
        let c = b[p]
        guard c == UInt8(ascii: ".") || c == UInt8(ascii: "!") || c == UInt8(ascii: "?") else { return false }
        let next = b[space + 1]
        let startsSentence = (next >= 65 && next <= 90) || (next >= 48 && next <= 57) || next == 34 || next >= 0xC0
        return startsSentence && (c != UInt8(ascii: ".") || !isAbbreviation(b, before: p))
    }

    /// Abbreviations that end in a full stop without ending the sentence, in a `WordTable` so the check makes no
    /// String: it runs at every full stop.
    static let abbreviations = WordTable([
        "inc", "co", "corp", "ltd", "mr", "mrs", "ms", "dr", "st", "no", "vs", "jr", "sr", "u.s", "e.g", "i.e", "jan", "feb",
        "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "gov", "sen", "rep", "gen", "prof", "approx",
        "est", "dept", "u.k", "n.v", "s.a", "plc", "bros", "fig",
    ])

    static func isAbbreviation(_ b: [UInt8], before dot: Int) -> Bool {
        var s = dot
        while s > 0, b[s - 1] != 32, b[s - 1] != 10, b[s - 1] != UInt8(ascii: "(") { s -= 1 }
        if dot - s == 1, ByteClass.isLetter(b[s]) { return true }  // an initial: "J. Smith"
        guard dot - s <= abbreviations.longestWord else { return false }
        return b.withUnsafeBufferPointer { abbreviations.lookup(WordTable.hash(b[s..<dot]), $0, s..<dot) >= 0 }
    }
}
