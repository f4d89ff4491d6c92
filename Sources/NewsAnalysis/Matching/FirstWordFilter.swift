/// The first words of an automaton's patterns after their common leading byte, as a Bloom filter: whether a word of
/// the text can start a pattern is one hash and one bit, where walking the automaton through it would read nodes
/// scattered over megabytes.
///
/// A word is a run of letters, digits and non-ASCII bytes (`ByteClass.isWord`), ASCII-folded as the automaton folds
/// it. A pattern's first word ends where it meets another byte or where the pattern ends.
struct FirstWordFilter: Sendable {
    /// The node after the leading byte, or -1 when the patterns share no leading byte (then nothing is filtered).
    let node: Int
    private let bits: [UInt64]
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
        var stack: [(node: Int32, hash: UInt64)] = [(Int32(node), Self.seed)]
        while let (n, h) = stack.popLast() {
            if t.terminal[Int(n)] >= 0 { mark(h) }
            var endsHere = false
            for e in Int(t.edgeStart[Int(n)])..<Int(t.edgeStart[Int(n) + 1]) {
                let b = t.edgeByte[e]
                if ByteClass.isWord(b) { stack.append((t.edgeTarget[e], Self.step(h, b))) } else { endsHere = true }
            }
            if endsHere { mark(h) }
        }
        self.bits = bits
    }

    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
    @inline(__always) static func step(_ h: UInt64, _ b: UInt8) -> UInt64 { (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    @inline(__always) static func index(_ h: UInt64) -> Int { Int(truncatingIfNeeded: (h ^ h >> 29) & UInt64(bitCount - 1)) }

    /// Whether the word at `at` may be a pattern's first word (false positives are rare; no false negatives).
    @inline(__always)
    func mayStart(_ text: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        var h = Self.seed
        var j = start
        while j < text.count {
            let b = AhoCorasick.fold(text[j])
            guard ByteClass.isWord(b) else { break }
            h = Self.step(h, b)
            j += 1
        }
        let k = Self.index(h)
        return bits.withUnsafeBufferPointer { $0[k >> 6] & (1 << UInt64(k & 63)) != 0 }
    }
}
