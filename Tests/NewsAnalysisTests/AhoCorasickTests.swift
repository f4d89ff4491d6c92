import Testing

@testable import NewsAnalysis

@Suite struct AhoCorasickTests {
    /// Every occurrence of every pattern in `text`, by brute force, as "pattern@end".
    static func naiveMatches(_ patterns: [[UInt8]], in text: [UInt8]) -> [String] {
        var found: [String] = []
        for (id, p) in patterns.enumerated() {
            for end in p.count...text.count where Array(text[(end - p.count)..<end]) == p { found.append("\(id)@\(end)") }
        }
        return found
    }

    /// `count` distinct random patterns: a space, then 1 to `longest` bytes of `alphabet`.
    static func randomPatterns(_ count: Int, of alphabet: [UInt8], longest: Int, using rng: inout some RandomNumberGenerator) -> [[UInt8]] {
        var words = Set<[UInt8]>()
        while words.count < count {
            words.insert([32] + (0..<Int.random(in: 1...longest, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
        }
        return Array(words)
    }

    @Test func findsOverlappingPatternsCaseInsensitively() {
        let ac = AhoCorasick(patterns: ["he", "she", "his", "hers"].map { Array($0.utf8) })
        let found = ac.matches(in: Array("uSHErs".utf8)).map { ($0.pattern, $0.end) }
        // "she" and "he" end at 4, "hers" at 6.
        #expect(found.map(\.0).sorted() == [0, 1, 3])
        #expect(found.contains { $0.0 == 3 && $0.1 == 6 })
    }

    @Test func matchesAgreeWithNaiveSearch() {
        let words = ["alibaba", "alibaba group", "amazon", "amazon.com", "jd.com", "yum china", "ba", "a"]
        let ac = AhoCorasick(patterns: words.map { Array($0.utf8) })
        let text = "Alibaba Group and Amazon.com, Inc and JD.com: Yum China ba"
        let naive = Self.naiveMatches(words.map { Array($0.utf8) }, in: Array(text.lowercased().utf8))
        let got = ac.matches(in: Array(text.utf8)).map { "\($0.pattern)@\($0.end)" }
        #expect(got.sorted() == naive.sorted())
    }

    @Test func spaceAnchoredPatternsSkipToSpacesAndFindEveryMatch() {
        // Every pattern starts with a space, as the security master's do: the scan jumps between spaces.
        let words = [" alibaba", " alibaba group", " yum china", " jd.com", " a", " b c"]
        let ac = AhoCorasick(patterns: words.map { Array($0.utf8) })
        let text = " Alibaba Group and xAlibaba, JD.com; Yum China a b c  b c"
        let naive = Self.naiveMatches(words.map { Array($0.utf8) }, in: Array(text.lowercased().utf8))
        let got = ac.matches(in: Array(text.utf8)).map { "\($0.pattern)@\($0.end)" }
        #expect(got.sorted() == naive.sorted())
        #expect(!got.isEmpty)
    }

    /// Many random patterns sharing prefixes and suffixes (long failure chains, matches inside matches) against a
    /// naive search, and the same automaton restored from its tables.
    @Test func manyDeepPatternsAgreeWithNaiveSearch() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array(" abc".utf8)
        let patterns = Self.randomPatterns(400, of: alphabet, longest: 9, using: &rng)
        let ac = AhoCorasick(patterns: patterns)
        let text = (0..<3000).map { _ in alphabet.randomElement(using: &rng)! }
        let naive = Self.naiveMatches(patterns, in: text)
        let got = ac.matches(in: text).map { "\($0.pattern)@\($0.end)" }
        #expect(got.sorted() == naive.sorted())
        #expect(got.count > 100)
        // Restored from its tables, it is the same automaton.
        let restored = AhoCorasick(tables: ac.tables)
        #expect(restored?.matches(in: text).map { "\($0.pattern)@\($0.end)" } == got)
    }

    /// Patterns over a wide alphabet, so nodes near the root have many children (the 256-bit rows), against a naive
    /// search.
    @Test func nodesWithManyChildrenAgreeWithNaiveSearch() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array(" abcdefghijklmnopqrstuvwxyz0123456789.-é".utf8)
        let patterns = Self.randomPatterns(3000, of: alphabet, longest: 4, using: &rng)
        let ac = AhoCorasick(patterns: patterns)
        let text = (0..<4000).map { _ in alphabet.randomElement(using: &rng)! }
        let naive = Self.naiveMatches(patterns, in: text)
        let got = ac.matches(in: text).map { "\($0.pattern)@\($0.end)" }
        #expect(got.sorted() == naive.sorted())
        #expect(got.count > 100)
    }

    /// The whole-word scan reports every match whose first word ends where the text's word does, and nothing that
    /// the plain scan does not: with patterns of several words and punctuation, over text made of the same pieces.
    @Test func wholeWordScanReportsEveryMatchWhoseFirstWordIsWhole() {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["al", "alibaba", "ali", "group", "g", "jd", "com", "yum", "china", "c3", "ai", ".", "&", "-", "'s", " ", " ", "é"]
        func phrase(_ n: Int) -> [UInt8] { Array((0..<n).map { _ in pieces.randomElement(using: &rng)! }.joined().utf8) }
        var words = Set<[UInt8]>()
        while words.count < 300 { words.insert([32] + phrase(Int.random(in: 1...4, using: &rng))) }
        let patterns = Array(words)
        let ac = AhoCorasick(patterns: patterns)
        let text = [32] + phrase(4000)
        func isWord(_ b: UInt8) -> Bool { ByteClass.isWord(b) }
        func whole(_ m: AhoCorasick.Match) -> Bool {
            let p = patterns[Int(m.pattern)]
            let after = m.end - p.count + 1 + p.dropFirst().prefix(while: isWord).count
            return after == text.count || !isWord(text[after])
        }
        let all = ac.matches(in: text)
        var got: [AhoCorasick.Match] = []
        text.withUnsafeBufferPointer { buf in ac.scanWholeWords(buf) { got.append($0) } }
        func keys(_ ms: [AhoCorasick.Match]) -> [String] { ms.map { "\($0.pattern)@\($0.end)" } }
        #expect(keys(got.filter(whole)) == keys(all.filter(whole)))
        #expect(Set(keys(got)).isSubset(of: Set(keys(all))))
        #expect(all.filter(whole).count > 100)
        #expect(got.count < all.count)  // the filter did skip words
    }

    @Test func tablesWhoseFirstChildIsNotTheNextNodeAreRefused() throws {
        // "a" is node 1 with children "ab" (2) and "ac" (3). The scan takes a single child to be the next node, so
        // tables numbered otherwise would report one name for another: they are refused, and the master rebuilt.
        let ac = AhoCorasick(patterns: ["ab", "ac"].map { Array($0.utf8) })
        var tables = ac.tables
        let first = Int(tables.edgeStart[1])
        #expect(tables.edgeTarget[first] == 2)
        #expect(AhoCorasick(tables: tables) != nil)
        tables.edgeTarget.swapAt(first, first + 1)
        #expect(AhoCorasick(tables: tables) == nil)
    }

    @Test func duplicatePatternsKeepTheFirstID() {
        let ac = AhoCorasick(patterns: ["abc", "abc"].map { Array($0.utf8) })
        #expect(ac.matches(in: Array("xabc".utf8)).map(\.pattern) == [0])
    }
}
