#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// ASCII classes over UTF-8 bytes. Bytes of multi-byte characters count as letters (é, ü, ß are word characters).
public enum ByteClass {
    @inline(__always) public static func isUpper(_ b: UInt8) -> Bool { b &- 65 < 26 }
    @inline(__always) public static func isLower(_ b: UInt8) -> Bool { b &- 97 < 26 }
    @inline(__always) public static func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }
    @inline(__always) public static func isLetter(_ b: UInt8) -> Bool { isUpper(b) || isLower(b) || b >= 0x80 }
    @inline(__always) public static func isWord(_ b: UInt8) -> Bool { isLetter(b) || isDigit(b) }
    @inline(__always) public static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 10 || b == 9 || b == 13 }

    /// Each byte that belongs to a word (`isWord`) with ASCII letters in lower case, as `WordTable` hashes it; 0 for
    /// the others. Word scanners classify and fold a byte with one load of it.
    public static let foldedWord: [UInt8] = (0..<256).map { b in isWord(UInt8(b)) ? (isUpper(UInt8(b)) ? UInt8(b) | 0x20 : UInt8(b)) : 0 }

    /// Where `needle` (not empty) first occurs in `hay` at or after `from`: memchr (vectorised) finds each candidate
    /// first byte.
    public static func firstOffset(of needle: UnsafeBufferPointer<UInt8>, in hay: UnsafeRawBufferPointer, from: Int) -> Int? {
        guard let first = needle.first, let base = hay.baseAddress, needle.count <= hay.count else { return nil }
        var at = from
        let last = hay.count - needle.count
        while at <= last {
            guard let hit = memchr(base + at, Int32(first), last - at + 1) else { return nil }
            at = base.distance(to: UnsafeRawPointer(hit))
            if memcmp(base + at, needle.baseAddress!, needle.count) == 0 { return at }
            at += 1
        }
        return nil
    }

    /// Whether `bytes[range]` contains `needle` (given in lower case), ignoring ASCII case.
    public static func containsLowercased(_ bytes: [UInt8], _ range: Range<Int>, _ needle: [UInt8]) -> Bool {
        guard range.count >= needle.count, let first = needle.first else { return false }
        var i = range.lowerBound
        let last = range.upperBound - needle.count
        while i <= last {
            if bytes[i] | 0x20 == first {
                var k = 1
                while k < needle.count, bytes[i + k] | 0x20 == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// The first offset at or after `from` where `needle` occurs in `hay` — as a whole word when asked (no letter or
    /// digit on either side).
    public static func find(_ needle: [UInt8], in hay: [UInt8], from: Int = 0, wholeWord: Bool = false) -> Int? {
        guard let first = needle.first, needle.count <= hay.count else { return nil }
        var at = from
        let last = hay.count - needle.count
        while at <= last {
            if hay[at] == first {
                var k = 1
                while k < needle.count, hay[at + k] == needle[k] { k += 1 }
                if k == needle.count {
                    if !wholeWord || ((at == 0 || !isWord(hay[at - 1])) && (at + k == hay.count || !isWord(hay[at + k]))) { return at }
                }
            }
            at += 1
        }
        return nil
    }

    /// ASCII letters folded to lower case.
    public static func lowercased(_ bytes: ArraySlice<UInt8>) -> [UInt8] { bytes.map { isUpper($0) ? $0 | 0x20 : $0 } }
}
