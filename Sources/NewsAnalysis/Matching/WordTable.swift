/// A fixed set of lower-case words, each with a dense id, looked up straight from the bytes of a text.
///
/// Open addressing over an FNV-1a hash of the case-folded word. Each slot holds the hash beside the id, so a probe
/// reads one cache line and compares bytes only on a full hash match; no String is made. The sentiment lexicon and
/// the event cues share one table, so an article's words are looked up once, by `TokenizedText`, which computes the
/// hash as it scans.
public struct WordTable: Sendable {
    struct Slot {
        var hash: UInt32
        var id: Int32  // -1: empty
    }

    private let slots: [Slot]  // a power of two long, at most a third full
    /// One bit per value of the hash's top 16 bits: most words of a text are not in the table, and these 8 KB
    /// answer for them without touching the slots.
    private let present: [UInt64]
    private let offsets: [Int32]  // word id → its bytes in `bytes` (count + 1 entries)
    private let bytes: [UInt8]
    /// The longest word: longer runs of text skip the probe.
    public let longestWord: Int

    public var count: Int { offsets.count - 1 }

    public static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
    public static let prime: UInt64 = 0x100_0000_01b3
    @inline(__always) public static func step(_ h: UInt64, _ b: UInt8) -> UInt64 { (h ^ UInt64(fold(b))) &* prime }
    @inline(__always) static func fold(_ b: UInt8) -> UInt8 { ByteClass.isUpper(b) ? b | 0x20 : b }

    /// The table keys words by the low half of the FNV-1a hash: 8-byte slots, and the half `TokenizedText` keeps.
    static func hash<C: Collection<UInt8>>(_ w: C) -> UInt32 { UInt32(truncatingIfNeeded: w.reduce(seed, step)) }

    /// Ids follow the order of `words`; a repeated word keeps its first id.
    public init(_ words: [String]) { self.init(foldedWords: words.map { Array($0.lowercased().utf8) }) }

    /// From words already in the form a lookup folds text to (ASCII letters in lower case, other bytes as they are).
    init(foldedWords words: [[UInt8]]) {
        var offsets: [Int32] = [0]
        var bytes: [UInt8] = []
        var capacity = 16
        while capacity < words.count * 3 { capacity <<= 1 }
        var slots = [Slot](repeating: Slot(hash: 0, id: -1), count: capacity)
        var present = [UInt64](repeating: 0, count: 1024)
        var longest = 0
        for w in words {
            let h = Self.hash(w)
            var s = Int(truncatingIfNeeded: h) & (capacity - 1)
            var seen = false
            while slots[s].id >= 0 {
                let id = Int(slots[s].id)
                if slots[s].hash == h, bytes[Int(offsets[id])..<Int(offsets[id + 1])].elementsEqual(w) {
                    seen = true
                    break
                }
                s = (s + 1) & (capacity - 1)
            }
            if seen { continue }
            slots[s] = Slot(hash: h, id: Int32(offsets.count - 1))
            present[Int(h >> 22)] |= 1 << ((h >> 16) & 63)
            bytes.append(contentsOf: w)
            offsets.append(Int32(bytes.count))
            longest = max(longest, w.count)
        }
        self.slots = slots
        self.present = present
        self.offsets = offsets
        self.bytes = bytes
        self.longestWord = longest
    }

    /// The id of a word, given in any case, or nil.
    public func id(of word: String) -> Int32? {
        let w = Array(word.utf8)
        let found = w.withUnsafeBufferPointer { lookup(Self.hash(w), $0, 0..<$0.count) }
        return found < 0 ? nil : found
    }

    /// The id of the word at `range` of `text` whose case-folded hash is `hash`, or -1.
    @inline(__always)
    public func lookup(_ hash: UInt32, _ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int32 {
        guard present[Int(hash >> 22)] & (1 << ((hash >> 16) & 63)) != 0 else { return -1 }
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { table in
            while true {
                let slot = table[s]
                if slot.id < 0 { return -1 }
                if slot.hash == hash, matches(Int(slot.id), text, range) { return slot.id }
                s = (s + 1) & mask
            }
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
}
