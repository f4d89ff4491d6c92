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
    public func find(in text: ArticleText) -> [Range<Int>] {
        let b = text.bytes
        var words: [Range<Int>] = []
        words.reserveCapacity(b.count / 5)
        // Words are runs of non-space characters; trailing commas and closing punctuation are not part of them.
        b.withUnsafeBufferPointer { u in
            var i = 0
            let n = u.count
            while i < n {
                while i < n, ByteClass.isSpace(u[i]) { i += 1 }
                let s = i
                while i < n, !ByteClass.isSpace(u[i]) { i += 1 }
                var e = i
                while e > s,
                    u[e - 1] == UInt8(ascii: ",") || u[e - 1] == UInt8(ascii: ")") || u[e - 1] == UInt8(ascii: ";")
                        || u[e - 1] == UInt8(ascii: ":") || u[e - 1] == UInt8(ascii: "\"")
                {
                    e -= 1
                }
                if e > s { words.append(s..<e) }
            }
        }
        var out: [Range<Int>] = []
        let endingShapes = Self.endingShapes  // hoisted: a static read in the loop costs a lazy-init check
        var w = 0
        while w < words.count {
            // Legal forms start with a capital (or are "plc"): skip other words without making a String.
            let f = b[words[w].lowerBound]
            let r = words[w]
            guard w > 0, r.count <= 12, ByteClass.isUpper(f) || f == UInt8(ascii: "p"),
                case let shape = Self.shape(count: r.count, first: f, last: b[r.upperBound - 1]),
                endingShapes[shape >> 6] & (1 << UInt64(shape & 63)) != 0,
                Self.endings.contains(text.text(r))
            else {
                w += 1
                continue
            }
            // Walk back over capitalised words and connectors; a clause break (comma before the run) stops it.
            var first = w
            var k = w - 1
            var capitalised = 0
            while k >= 0 {
                let prev = words[k]
                let t = text.text(prev)
                let gap = b[prev.upperBound..<words[k + 1].lowerBound]
                if gap.contains(UInt8(ascii: "\n")) { break }
                if gap.contains(UInt8(ascii: ",")) && !Self.endings.contains(text.text(words[k + 1])) { break }
                if let f = b[prev.lowerBound...].first, ByteClass.isUpper(f) || ByteClass.isDigit(f) {
                    if Self.leaders.contains(t) { break }
                    if b[prev.upperBound - 1] == UInt8(ascii: ".") && !Self.endings.contains(t) && t.count > 3 { break }
                    first = k
                    capitalised += 1
                } else if Self.connectors.contains(t) {
                    // keep going only if a capitalised word precedes the connector
                } else {
                    break
                }
                k -= 1
            }
            while first < w, Self.connectors.contains(text.text(words[first])) { first += 1 }
            // Swallow a second legal form after the first ("Co Ltd", "Group Co Ltd").
            var last = w
            while last + 1 < words.count, Self.endings.contains(text.text(words[last + 1])),
                !b[words[last].upperBound..<words[last + 1].lowerBound].contains(UInt8(ascii: "\n"))
            {
                last += 1
            }
            if capitalised >= 1, first < w {
                out.append(words[first].lowerBound..<words[last].upperBound)
            }
            w = last + 1
        }
        return out
    }
}
