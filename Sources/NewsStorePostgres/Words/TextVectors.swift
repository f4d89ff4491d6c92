/// Articles' words as `tsvector`s, each equal to what PostgreSQL computes as
/// `setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')` once everything but
/// letters and digits is a space (`SearchWords`). Stemming was most of an insert's work in the one database all nodes
/// share; done here, each node does its own, beside its other work.
///
/// One is made for a batch: each distinct word is stemmed once, and its buffers are reused from article to article.
public struct TextVectors {
    /// PostgreSQL's limits: the last position (`MAXENTRYPOS - 1`; later words all get it), the positions a lexeme
    /// keeps from one text (`MAXNUMPOS - 1`) and from two joined (`MAXNUMPOS`), and the size of lexemes and
    /// positions together (`MAXSTRPOS`; past it PostgreSQL refuses the vector, here the article's later new words are
    /// left out). Lexemes are counted with their padding and count (5 bytes at most), and room is kept for the
    /// most positions a vector can hold (one each below the last, plus one at the last for each lexeme).
    static let lastPosition: Int32 = 16383
    static let maxPositions = 255
    static let maxJoinedPositions = 256
    static let maxLexemeBytes = (1 << 20) - 1 - 2 * 16384

    public init() {}

    /// Words as read (lower-cased), and the lexeme of each (-1 for a stopword).
    private var words = WordIDs()
    private var lexemeOfWord: [Int32] = []
    private var lexemes = WordIDs()

    /// This article's lexemes in first-use order, each with a chain of its occurrences (`first`, `next`) in order.
    private var article: Int32 = 0
    private var usedIn: [Int32] = []  // by lexeme: the article that last used it
    private var first: [Int32] = []
    private var last: [Int32] = []
    private var order: [Int32] = []
    private var next: [Int32] = []  // by occurrence
    private var positions: [Int32] = []  // by occurrence
    private var lexemeBytes = 0

    /// The article's vector in `tsvector`'s binary form, as `tsvectorrecv` reads it: the number of lexemes, then
    /// each lexeme (NUL-terminated), its number of positions and the positions (weight in the top two bits, 3 for A
    /// and 2 for B), big-endian. PostgreSQL then has no text to parse; it sorts the lexemes itself.
    public mutating func vector(title: String, body: String) -> [UInt8] {
        article += 1
        order.removeAll(keepingCapacity: true)
        next.removeAll(keepingCapacity: true)
        positions.removeAll(keepingCapacity: true)
        lexemeBytes = 0
        SearchWords.forEach(in: title) { word, position in add(word, at: position) }
        let titleOccurrences = positions.count
        SearchWords.forEach(in: body) { word, position in add(word, at: position) }

        // `||` places the body after the title's last position.
        var titleEnd: Int32 = 0
        for lexeme in order {
            var kept = Kept()
            var occurrence = Int(first[Int(lexeme)])
            while occurrence >= 0, occurrence < titleOccurrences {
                if let at = kept.take(positions[occurrence]) { titleEnd = max(titleEnd, at) }
                occurrence = Int(next[occurrence])
            }
        }

        var out: [UInt8] = []
        out.reserveCapacity(lexemeBytes + 2 * positions.count + 4)
        appendBigEndian(UInt32(order.count), to: &out)
        for lexeme in order {
            out.append(contentsOf: lexemes.word(lexeme))
            out.append(0)
            let countAt = out.count
            out.append(0)
            out.append(0)
            var title = Kept()
            var body = Kept()
            var joined = Kept(limit: Self.maxJoinedPositions)
            var occurrence = Int(first[Int(lexeme)])
            while occurrence >= 0 {
                let inTitle = occurrence < titleOccurrences
                if let at = inTitle ? title.take(positions[occurrence]) : body.take(positions[occurrence]),
                    let placed = joined.take(inTitle ? at : at + titleEnd)
                {
                    appendBigEndian(UInt16(inTitle ? 3 : 2) << 14 | UInt16(placed), to: &out)
                }
                occurrence = Int(next[occurrence])
            }
            out[countAt] = UInt8(joined.count >> 8)
            out[countAt + 1] = UInt8(joined.count & 0xFF)
        }
        return out
    }

    /// The positions one lexeme keeps, as PostgreSQL keeps them: clamped to the last position, none after one
    /// there, none repeated, up to a limit.
    private struct Kept {
        var limit = TextVectors.maxPositions
        var count = 0
        var last: Int32 = -1

        mutating func take(_ position: Int32) -> Int32? {
            let at = min(position, TextVectors.lastPosition)
            guard count < limit, last != TextVectors.lastPosition, last != at else { return nil }
            count += 1
            last = at
            return at
        }
    }

    private mutating func add(_ word: [UInt8], at position: Int) {
        let (id, isNew) = words.id(of: word)
        if isNew {
            // A lexeme PostgreSQL would refuse (lower-casing can lengthen a word) is left out.
            let lexeme = SearchWords.lexeme(of: word).flatMap { $0.count < SearchWords.tooLong ? $0 : nil }
            lexemeOfWord.append(lexeme.map { lexemes.id(of: $0).id } ?? -1)
        }
        let lexeme = lexemeOfWord[Int(id)]
        guard lexeme >= 0 else { return }
        if lexemes.count > usedIn.count {
            let more = lexemes.count - usedIn.count
            usedIn += repeatElement(0, count: more)
            first += repeatElement(-1, count: more)
            last += repeatElement(-1, count: more)
        }
        let occurrence = Int32(positions.count)
        let l = Int(lexeme)
        if usedIn[l] == article {
            next[Int(last[l])] = occurrence
        } else {
            let length = lexemes.word(lexeme).count + 5
            guard lexemeBytes + length <= Self.maxLexemeBytes else { return }
            lexemeBytes += length
            usedIn[l] = article
            first[l] = occurrence
            order.append(lexeme)
        }
        last[l] = occurrence
        positions.append(Int32(position))
        next.append(-1)
    }

    private func appendBigEndian<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { out.append(contentsOf: $0) }
    }
}
