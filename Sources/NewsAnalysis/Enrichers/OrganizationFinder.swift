/// Finds company-like names: a run of capitalised words ending in a legal or group form
/// ("Zhejiang Dahua Technology Co Ltd", "China Mobile Communications Group Co Ltd", "Cantor Fitzgerald & Co.").
public struct OrganizationFinder: Sendable {
    static let endings: Set<String> = [
        "Inc", "Inc.", "Incorporated", "Corp", "Corp.", "Corporation", "Co", "Co.", "Company", "Ltd", "Ltd.", "Limited", "LLC",
        "L.L.C.", "LP", "L.P.", "PLC", "Plc", "plc", "AG", "SE", "SA", "S.A.", "NV", "N.V.", "GmbH", "KGaA", "Group", "Holdings",
        "Holding", "REIT", "Bancorp", "Bancshares", "ASA", "AB", "Oyj", "SpA", "S.p.A.", "PJSC", "JSC", "Bhd", "Berhad", "Tbk",
    ]
    /// One bit per (length, first byte, last byte) of a legal form: a test of every capitalised word that costs one
    /// load, before a String is made of the few that pass.
    static let endingShapes: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 1 << 16 / 64)
        for e in endings {
            let u = Array(e.utf8)
            let s = shape(count: u.count, first: u[0], last: u[u.count - 1])
            bits[s >> 6] |= 1 << UInt64(s & 63)
        }
        return bits
    }()

    @inline(__always)
    static func shape(count: Int, first: UInt8, last: UInt8) -> Int { (count & 15) << 12 | Int(first & 63) << 6 | Int(last & 63) }

    /// Lower-case or short words allowed inside a name.
    static let connectors: Set<String> = ["of", "&", "de", "du", "la", "der", "for", "the", "-"]
    /// Capitalised words that begin sentences or clauses rather than names.
    static let leaders: Set<String> = [
        "The", "A", "An", "In", "On", "At", "By", "For", "From", "With", "And", "But", "Or", "This", "That", "These", "Those", "Its", "Their",
        "His", "Her", "Our", "Both", "As", "Shares", "What", "Why", "How", "When", "While", "After", "Before", "According", "Like",
        "Unlike", "Including", "If", "Since", "Under", "Over", "Against", "Via", "Meanwhile", "Also", "Then", "Rival", "Peer",
        "Parent", "Unit", "Subsidiary", "Chinese", "American", "US", "U.S.", "UK",
    ]

    public init() {}

    /// Byte ranges of organisation names in `text`, in order.
    ///
    /// Legal forms are looked for only at the text's capitalised words (and "plc"), from its tokens; only from one does
    /// the search walk back over the words before it. Words here are runs of non-space bytes, without trailing commas
    /// and closing punctuation.
    public func find(in text: ArticleText, tokens: TokenizedText) -> [Range<Int>] {
        var out: [Range<Int>] = []
        let endingShapes = Self.endingShapes  // hoisted: a static read in the loop costs a lazy-init check
        text.bytes.withUnsafeBufferPointer { u in
            var position = 0  // words before this are taken
            for token in tokens.tokens {
                // A legal form starts a word with a capital (or is "plc"): skip other tokens without making a String.
                let start = Int(token.start)
                let f = u[start]
                guard start >= position, ByteClass.isUpper(f) || f == UInt8(ascii: "p"), start == 0 || ByteClass.isSpace(u[start - 1]),
                    let (r, after) = Self.word(in: u, from: start), r.count <= 12,
                    case let shape = Self.shape(count: r.count, first: f, last: u[r.upperBound - 1]),
                    endingShapes[shape >> 6] & (1 << UInt64(shape & 63)) != 0,
                    Self.endings.contains(text.text(r)), Self.word(in: u, before: start) != nil
                else { continue }
                position = after
                // Walk back over capitalised words and connectors; a clause break (comma before the run) stops it.
                var walked: [Range<Int>] = []  // the words before the legal form, nearest first
                var first = -1  // the earliest capitalised word in `walked`; -1 for none
                var capitalised = 0
                var next = r
                while let prev = Self.word(in: u, before: next.lowerBound) {
                    let t = text.text(prev)
                    let gap = u[prev.upperBound..<next.lowerBound]
                    if gap.contains(UInt8(ascii: "\n")) { break }
                    if gap.contains(UInt8(ascii: ",")) && !Self.endings.contains(text.text(next)) { break }
                    let p = u[prev.lowerBound]
                    if ByteClass.isUpper(p) || ByteClass.isDigit(p) {
                        if Self.leaders.contains(t) { break }
                        if u[prev.upperBound - 1] == UInt8(ascii: ".") && !Self.endings.contains(t) && t.count > 3 { break }
                        first = walked.count
                        capitalised += 1
                    } else if !Self.connectors.contains(t) {
                        break
                    }  // else a connector: keep going only if a capitalised word precedes it
                    walked.append(prev)
                    next = prev
                }
                while first >= 0, Self.connectors.contains(text.text(walked[first])) { first -= 1 }
                // Swallow a second legal form after the first ("Co Ltd", "Group Co Ltd").
                var last = r
                while let (following, after) = Self.word(in: u, from: position), Self.endings.contains(text.text(following)),
                    !u[last.upperBound..<following.lowerBound].contains(UInt8(ascii: "\n"))
                {
                    last = following
                    position = after
                }
                if capitalised >= 1, first >= 0 { out.append(walked[first].lowerBound..<last.upperBound) }
            }
        }
        return out
    }

    /// The first word at or after `from`, and where the search for the next one starts.
    private static func word(in u: UnsafeBufferPointer<UInt8>, from: Int) -> (Range<Int>, Int)? {
        var i = from
        let n = u.count
        while i < n {
            while i < n, ByteClass.isSpace(u[i]) { i += 1 }
            let s = i
            while i < n, !ByteClass.isSpace(u[i]) { i += 1 }
            let e = trimmedEnd(u, s, i)
            if e > s { return (s..<e, i) }
        }
        return nil
    }

    /// The last word that ends before `at`, where a word starts (the same words `word(in:from:)` finds).
    private static func word(in u: UnsafeBufferPointer<UInt8>, before at: Int) -> Range<Int>? {
        var i = at
        while i > 0 {
            while i > 0, ByteClass.isSpace(u[i - 1]) { i -= 1 }
            let runEnd = i
            while i > 0, !ByteClass.isSpace(u[i - 1]) { i -= 1 }
            let e = trimmedEnd(u, i, runEnd)
            if e > i { return i..<e }
        }
        return nil
    }

    /// The end of a run of non-space bytes without its trailing commas and closing punctuation.
    @inline(__always)
    private static func trimmedEnd(_ u: UnsafeBufferPointer<UInt8>, _ s: Int, _ end: Int) -> Int {
        var e = end
        while e > s,
            u[e - 1] == UInt8(ascii: ",") || u[e - 1] == UInt8(ascii: ")") || u[e - 1] == UInt8(ascii: ";")
                || u[e - 1] == UInt8(ascii: ":") || u[e - 1] == UInt8(ascii: "\"")
        {
            e -= 1
        }
        return e
    }
}
