/// Words numbered as they are first seen: an open-addressing table over one byte arena, so looking up a word costs
/// a short hash and one compare, with nothing allocated (a `[String: Int]` cost more than the stemming it saved).
struct WordIDs {
    private var arena: [UInt8] = []
    private var starts: [Int32] = [0]
    private var hashes: [UInt32] = []
    /// Entry numbers, or -1 where free; the count is a power of two, kept at most half full.
    private var slots = [Int32](repeating: -1, count: 1024)

    var count: Int { hashes.count }

    /// The word numbered `id`.
    func word(_ id: Int32) -> ArraySlice<UInt8> { arena[Int(starts[Int(id)])..<Int(starts[Int(id) + 1])] }

    /// The number of `word`, numbering it if it is new (`isNew`).
    mutating func id(of word: [UInt8]) -> (id: Int32, isNew: Bool) {
        let hash = Self.hash(word)
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while slots[slot] >= 0 {
            let id = slots[slot]
            if hashes[Int(id)] == hash, self.word(id).elementsEqual(word) { return (id, false) }
            slot = (slot + 1) & mask
        }
        let id = Int32(hashes.count)
        slots[slot] = id
        hashes.append(hash)
        arena.append(contentsOf: word)
        starts.append(Int32(arena.count))
        if hashes.count * 2 > slots.count { grow() }
        return (id, true)
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }

    /// FNV-1a: words are short, and the table only needs them spread.
    private static func hash(_ word: [UInt8]) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for b in word { h = (h ^ UInt32(b)) &* 16_777_619 }
        return h
    }
}
