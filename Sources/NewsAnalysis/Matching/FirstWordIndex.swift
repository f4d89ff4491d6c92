/// The first words of an automaton's patterns after their common leading byte, each with the node the automaton
/// reaches at its end. The scan looks a word of the text up here instead of walking the automaton through it: a word
/// that starts no pattern is turned away by one hash and one bit, and a word that does is one probe away from its
/// node, where the walk would read a node per byte, scattered over megabytes.
///
/// A word is a run of letters, digits and non-ASCII bytes (`ByteClass.isWord`), ASCII-folded as the automaton folds
/// it, and hashed as `WordTable` hashes words. A pattern's first word ends where it meets another byte or where the
/// pattern ends; it may be empty (a pattern whose second byte is punctuation).
struct FirstWordIndex: Sendable {
    /// The node after the leading byte, or -1 when the patterns share no leading byte (then nothing is indexed).
    let node: Int
    /// A Bloom filter over the words' hashes: most words of a text start no pattern, and these 128 KB answer for them.
    private let bits: [UInt64]
    /// The words themselves (bytes compared, so no hash collision passes for a word), and by word id its node.
    private let words: WordTable
    private let nodes: [Int32]
    private let foldedWord = ByteClass.foldedWord  // kept here: a static read per word costs a lazy-init check
    static let bitCount = 1 << 20

    /// Collects the first words by walking the trie from `node` along word bytes.
    init(after node: Int?, _ t: AhoCorasick.Tables) {
        guard let node else {
            (self.node, bits, words, nodes) = (-1, [], WordTable(foldedWords: []), [])
            return
        }
        self.node = node
        // Depth-first: when a node is taken off the stack, `path` still holds its ancestors' bytes.
        var words: [[UInt8]] = []
        var nodes: [Int32] = []
        var bits = [UInt64](repeating: 0, count: Self.bitCount / 64)
        var path: [UInt8] = []
        var stack: [(node: Int32, hash: UInt64, depth: Int, byte: UInt8)] = [(Int32(node), WordTable.seed, 0, 0)]
        while let (n, h, depth, byte) = stack.popLast() {
            path.removeSubrange(max(0, depth - 1)...)
            if depth > 0 { path.append(byte) }
            var endsHere = t.terminal[Int(n)] >= 0
            for e in Int(t.edgeStart[Int(n)])..<Int(t.edgeStart[Int(n) + 1]) {
                let b = t.edgeByte[e]
                if ByteClass.isWord(b) { stack.append((t.edgeTarget[e], WordTable.step(h, b), depth + 1, b)) } else { endsHere = true }
            }
            guard endsHere else { continue }
            let k = Self.bitIndex(h)
            bits[k >> 6] |= 1 << UInt64(k & 63)
            words.append(path)  // the trie's path is folded already, as the table stores words
            nodes.append(n)
        }
        (self.bits, self.words, self.nodes) = (bits, WordTable(foldedWords: words), nodes)
    }

    @inline(__always) static func bitIndex(_ h: UInt64) -> Int { Int(truncatingIfNeeded: (h ^ h >> 29) & UInt64(bitCount - 1)) }

    /// When the word at `start` is a pattern's first word: the node at its end, and the offset where it ends.
    @inline(__always)
    func lookup(_ text: UnsafeBufferPointer<UInt8>, at start: Int) -> (node: Int, end: Int)? {
        var h = WordTable.seed
        var j = start
        while j < text.count {
            let b = foldedWord[Int(text[j])]
            guard b != 0 else { break }
            h = (h ^ UInt64(b)) &* WordTable.prime  // `WordTable.step`, with the class test and fold in one load
            j += 1
        }
        let k = Self.bitIndex(h)
        guard bits.withUnsafeBufferPointer({ $0[k >> 6] & (1 << UInt64(k & 63)) != 0 }) else { return nil }
        let id = words.lookup(UInt32(truncatingIfNeeded: h), text, start..<j)
        return id < 0 ? nil : (Int(nodes[Int(id)]), j)
    }
}
