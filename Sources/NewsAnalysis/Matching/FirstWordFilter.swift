/// The first words of an automaton's patterns after their common leading byte, as a Bloom filter: whether a word of
/// the text can start a pattern is one hash and one bit, where walking the automaton through it would read nodes
/// scattered over megabytes.
///
/// A word is a run of letters, digits and non-ASCII bytes (`ByteClass.isWord`), ASCII-folded as the automaton folds
/// it, and hashed as `WordTable` hashes words. A pattern's first word ends where it meets another byte or where the pattern ends.
struct FirstWordFilter: Sendable {
    /// The node after the leading byte, or -1 when the patterns share no leading byte (then nothing is filtered).
    let node: Int
    private let bits: [UInt64]
    private let foldedWord = ByteClass.foldedWord  // kept here: a static read per word costs a lazy-init check
    static let bitCount = 1 << 20

    /// Collects the first words by walking the trie from `node` along word bytes.
    init(after node: Int?, _ t: AhoCorasick.Tables) {
        guard let node else {
            self.node = -1
            bits = []
            return
        }
        self.node = node
        var bits = [UInt64](repeating: 0, count: Self.bitCount / 64)
        func mark(_ h: UInt64) {
            let k = Self.index(h)
            bits[k >> 6] |= 1 << UInt64(k & 63)
        }
        var stack: [(node: Int32, hash: UInt64)] = [(Int32(node), WordTable.seed)]
        while let (n, h) = stack.popLast() {
            if t.terminal[Int(n)] >= 0 { mark(h) }
            var endsHere = false
            for e in Int(t.edgeStart[Int(n)])..<Int(t.edgeStart[Int(n) + 1]) {
                let b = t.edgeByte[e]
                if ByteClass.isWord(b) { stack.append((t.edgeTarget[e], WordTable.step(h, b))) } else { endsHere = true }
            }
            if endsHere { mark(h) }
        }
        self.bits = bits
    }

    @inline(__always) static func index(_ h: UInt64) -> Int { Int(truncatingIfNeeded: (h ^ h >> 29) & UInt64(bitCount - 1)) }

    /// Whether the word at `at` may be a pattern's first word (false positives are rare; no false negatives).
    @inline(__always)
    func mayStart(_ text: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        var h = WordTable.seed
        var j = start
        while j < text.count {
            let b = foldedWord[Int(text[j])]
            guard b != 0 else { break }
            h = (h ^ UInt64(b)) &* WordTable.prime  // `WordTable.step`, with the class test and fold in one load
            j += 1
        }
        let k = Self.index(h)
        return bits.withUnsafeBufferPointer { $0[k >> 6] & (1 << UInt64(k & 63)) != 0 }
    }
}
