/// An article's sentences and words, found in one pass over the cleaned text, each word looked up in a `WordTable`.
///
/// Words are runs of letters and digits, with inner hyphens ("pre-market") and decimal points ("1.4") kept. An
/// apostrophe ends a word: "didn't" is "didn" marked `negatedContraction`, and "company's" is "company".
public struct TokenizedText: Sendable {
    public struct Token: Sendable {
        public var start: Int32
        public var end: Int32
        /// The word's id in the table, or -1.
        public var word: Int32
        public var flags: Flags
        /// The word's case-folded hash (FNV-1a, low half): its key in a `WordTable`, and its part in fingerprints.
        public var hash: UInt32

        public var range: Range<Int> { Int(start)..<Int(end) }
    }

    public struct Flags: OptionSet, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// Followed by "n't".
        public static let negatedContraction = Flags(rawValue: 1)
        /// Starts with an upper-case letter.
        public static let capitalized = Flags(rawValue: 2)
        /// Starts with a digit.
        public static let number = Flags(rawValue: 4)
        /// Two or more letters, all upper case.
        public static let allCaps = Flags(rawValue: 8)
    }

    public struct Sentence: Sendable {
        /// Byte range in the cleaned text.
        public var range: Range<Int>
        /// Its tokens: `tokens[tokenRange]`.
        public var tokenRange: Range<Int>
        public var inTitle: Bool
    }

    public private(set) var tokens: [Token]
    public let sentences: [Sentence]

    /// The index of the sentence holding a byte offset, by binary search (sentences are in text order), or nil
    /// between sentences.
    public func sentenceIndex(containingByte byte: Int) -> Int? {
        var lo = 0
        var hi = sentences.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if sentences[mid].range.upperBound <= byte { lo = mid + 1 } else { hi = mid }
        }
        return lo < sentences.count && sentences[lo].range.lowerBound <= byte ? lo : nil
    }

    /// Tokens with their word ids from `words`.
    public init(_ text: ArticleText, words: WordTable) {
        self.init(text)
        identifyWords(words, in: text)
    }

    /// Looks each token up in `words` (by the hash it already has). Separate from finding the tokens so the
    /// first stage of analysis can use the words without touching the lexicon's tables.
    public mutating func identifyWords(_ words: WordTable, in text: ArticleText) {
        let longest = words.longestWord
        text.bytes.withUnsafeBufferPointer { u in
            tokens.withUnsafeMutableBufferPointer { ts in
                for k in ts.indices where Int(ts[k].end - ts[k].start) <= longest {
                    ts[k].word = words.lookup(ts[k].hash, u, ts[k].range)
                }
            }
        }
    }

    /// The sentences and words of `text`, with no word ids yet (`word` is -1).
    public init(_ text: ArticleText) {
        let b = text.bytes
        let n = b.count
        let titleEnd = text.titleEnd
        // A word takes at least one byte and a separator: at most (n + 1) / 2 of them, and as many sentences.
        let capacity = (n + 1) / 2 + 1
        var sentences: [Sentence] = []
        let foldedWordBytes = ByteClass.foldedWord  // hoisted: a static read in the loop costs a lazy-init check
        let tokens = [Token](unsafeUninitializedCapacity: capacity) { out, count in
            b.withUnsafeBufferPointer { u in
                var t = 0
                var i = 0
                var sentenceStart = 0
                var sentenceFirstToken = 0
                @inline(__always) func endSentence(at end: Int, next: Int) {
                    if t > sentenceFirstToken {
                        sentences.append(
                            Sentence(range: sentenceStart..<end, tokenRange: sentenceFirstToken..<t, inTitle: sentenceStart < titleEnd))
                    }
                    sentenceStart = next
                    sentenceFirstToken = t
                }
                while i < n {
                    let c = u[i]
                    if foldedWordBytes[Int(c)] == 0 {
                        if c == 10 {
                            endSentence(at: i, next: i + 1)
                        } else if c == 32, i > 0, u[i - 1] == 46 || u[i - 1] == 33 || u[i - 1] == 63 || u[i - 1] == 34 || u[i - 1] == 41,
                            ArticleText.endsSentence(b, atSpace: i)
                        {
                            endSentence(at: i, next: i + 1)
                        }
                        i += 1
                        continue
                    }
                    let start = i
                    var flags: Flags = []
                    let number = ByteClass.isDigit(c)
                    if number { flags.insert(.number) }
                    var h = WordTable.seed
                    while i < n {
                        let d = u[i]
                        let folded = foldedWordBytes[Int(d)]
                        if folded != 0 {
                            h = (h ^ UInt64(folded)) &* WordTable.prime  // `WordTable.step`, its class test and fold in one load
                            i += 1
                            continue
                        }
                        // "pre-market", "1.4", "1,500" stay one word; a comma only inside a number, a full stop only
                        // before a digit or in an all-capitals abbreviation ("U.S").
                        guard (d == 45 || d == 46 || d == 44) && i + 1 < n else { break }
                        let next = u[i + 1]
                        guard ByteClass.isWord(next) else { break }
                        if d == 44 && !(number && ByteClass.isDigit(next)) { break }
                        if d == 46 && !(ByteClass.isDigit(next) || ByteClass.isUpper(next) && ByteClass.isUpper(u[i - 1])) { break }
                        h = WordTable.step(h, d)
                        i += 1
                    }
                    if ByteClass.isUpper(c) {
                        flags.insert(.capitalized)
                        // All capitals: two or more letters and no lower-case one ("NYSE", "U.S", "AI").
                        var letters = 0
                        var allUpper = true
                        for k in start..<i {
                            if ByteClass.isLower(u[k]) {
                                allUpper = false
                                break
                            }
                            if ByteClass.isUpper(u[k]) { letters += 1 }
                        }
                        if allUpper && letters >= 2 { flags.insert(.allCaps) }
                    }
                    // "n't" after the word: ASCII or curly apostrophe.
                    if i + 2 < n, u[i] == 39, u[i + 1] == 116, !ByteClass.isWord(u[i + 2]) {
                        flags.insert(.negatedContraction)
                    } else if i + 4 < n, u[i] == 0xE2, u[i + 1] == 0x80, u[i + 2] == 0x99, u[i + 3] == 116, !ByteClass.isWord(u[i + 4]) {
                        flags.insert(.negatedContraction)
                    }
                    (out.baseAddress! + t).initialize(
                        to: Token(start: Int32(start), end: Int32(i), word: -1, flags: flags, hash: UInt32(truncatingIfNeeded: h)))
                    t += 1
                    // Skip the rest of a contraction or possessive so "t" and "s" are not words.
                    if i < n, u[i] == 39 || (u[i] == 0xE2 && i + 2 < n && u[i + 1] == 0x80 && u[i + 2] == 0x99) {
                        var j = i + (u[i] == 39 ? 1 : 3)
                        let wordStart = j
                        while j < n, ByteClass.isLower(u[j]) { j += 1 }
                        if j - wordStart <= 2, j > wordStart { i = j }
                    }
                }
                endSentence(at: n, next: n)
                count = t
            }
        }
        self.tokens = tokens
        self.sentences = sentences
    }
}
