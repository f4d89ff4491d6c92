/// A fixed set of lower-case words, each with a dense id, looked up straight from the bytes of a text.
///
/// Open addressing over an FNV-1a hash: a lookup hashes the word while lower-casing it and compares at most a few
/// stored words, with no String made. The sentiment lexicon and the event cues share one table, so an article's words
/// are looked up once.
public struct WordTable: Sendable {
    private let slots: [Int32]  // word id, or -1; a power of two long
    private let offsets: [Int32]  // word id → its bytes in `bytes` (count + 1 entries)
    private let bytes: [UInt8]
    private let hashes: [UInt64]

    public var count: Int { hashes.count }

    /// Ids follow the order of `words`; a repeated word keeps its first id.
    public init(_ words: [String]) {
        var offsets: [Int32] = [0]
        var bytes: [UInt8] = []
        var hashes: [UInt64] = []
        var capacity = 16
        while capacity < words.count * 3 { capacity <<= 1 }
        var slots = [Int32](repeating: -1, count: capacity)
        for word in words {
            let w = Array(word.lowercased().utf8)
            let h = Self.hash(w)
            var s = Int(truncatingIfNeeded: h) & (capacity - 1)
            var seen = false
            while slots[s] >= 0 {
                let id = Int(slots[s])
                if hashes[id] == h, bytes[Int(offsets[id])..<Int(offsets[id + 1])].elementsEqual(w) {
                    seen = true
                    break
                }
                s = (s + 1) & (capacity - 1)
            }
            if seen { continue }
            slots[s] = Int32(hashes.count)
            hashes.append(h)
            bytes.append(contentsOf: w)
            offsets.append(Int32(bytes.count))
        }
        self.slots = slots
        self.offsets = offsets
        self.bytes = bytes
        self.hashes = hashes
    }

    /// The id of a word, given in any case, or nil.
    public func id(of word: String) -> Int32? {
        let w = Array(word.utf8)
        return w.withUnsafeBufferPointer { id(of: $0, 0..<$0.count) }
    }

    /// The id of the word at `range` of `text` (ASCII letters folded to lower case), or nil.
    @inline(__always)
    public func id(of text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int32? {
        let found = lookup(text, range)
        return found.id < 0 ? nil : found.id
    }

    /// The id (or -1) and the case-folded hash of the word at `range`: the hash serves callers that fingerprint text.
    @inline(__always)
    public func lookup(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> (id: Int32, hash: UInt64) {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in range { h = (h ^ UInt64(Self.fold(text[i]))) &* 0x100_0000_01b3 }
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let id = slots[s]
            if id < 0 { return (-1, h) }
            if hashes[Int(id)] == h, matches(Int(id), text, range) { return (id, h) }
            s = (s + 1) & mask
        }
    }

    /// The word of an id.
    public func word(_ id: Int32) -> String {
        String(decoding: bytes[Int(offsets[Int(id)])..<Int(offsets[Int(id) + 1])], as: UTF8.self)
    }

    private func matches(_ id: Int, _ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let start = Int(offsets[id])
        guard Int(offsets[id + 1]) - start == range.count else { return false }
        var k = start
        for i in range {
            if Self.fold(text[i]) != bytes[k] { return false }
            k += 1
        }
        return true
    }

    @inline(__always) static func fold(_ b: UInt8) -> UInt8 { ByteClass.isUpper(b) ? b | 0x20 : b }

    static func hash(_ w: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in w { h = (h ^ UInt64(fold(b))) &* 0x100_0000_01b3 }
        return h
    }
}
