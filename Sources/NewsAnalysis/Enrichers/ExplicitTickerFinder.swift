import NewsModel

/// Finds tickers written out explicitly: `(NYSE: BABA)`, `NASDAQ:AAPL`, `(ASX: BHP)`, `$AAPL` cashtags.
///
/// A symbol given with a venue is looked up on that venue first (`ASX: BHP` is BHP.AX), then reported under
/// the company's US symbol when it has one.
public struct ExplicitTickerFinder: Sendable {
    public struct Hit: Sendable, Hashable {
        public var range: Range<Int>  // byte range of the whole form, e.g. "NYSE: BABA"
        public var symbolRange: Range<Int>
        public var symbol: String
        public var instruments: [Int32]
        public var how: Mention.How
    }

    /// Venue prefixes news uses, with the Yahoo suffix their symbols take ("" for US venues).
    static let venues: [(prefix: String, suffix: String?)] = [
        ("NYSE American", ""), ("NYSE MKT", ""), ("NYSE Arca", nil), ("NYSEArca", nil), ("NYSE", ""), ("NASDAQ", ""), ("Nasdaq", ""),
        ("NasdaqGS", ""), ("NasdaqGM", ""), ("NasdaqCM", ""), ("AMEX", ""), ("CBOE", ""), ("BATS", ""),
        ("ASX", "AX"), ("LSE", "L"), ("LON", "L"), ("AIM", "L"), ("TSXV", "V"), ("TSX-V", "V"), ("TSX", "TO"), ("TSE", "T"),
        ("TYO", "T"), ("HKEX", "HK"), ("HKG", "HK"), ("SEHK", "HK"), ("HKSE", "HK"), ("SGX", "SI"), ("NSE", "NS"), ("BSE", "BO"),
        ("KRX", "KS"), ("KOSPI", "KS"), ("KOSDAQ", "KQ"), ("XETRA", "DE"), ("ETR", "DE"), ("FWB", "DE"), ("FRA", "DE"),
        ("EPA", "PA"), ("SIX", "SW"), ("JSE", "JO"), ("NZX", "NZ"), ("SZSE", "SZ"), ("SSE", "SS"), ("TWSE", "TW"), ("TPE", "TW"),
        ("BIT", "MI"), ("BME", "MC"), ("STO", "ST"), ("CPH", "CO"), ("HEL", "HE"), ("OSL", "OL"), ("AMS", "AS"), ("EBR", "BR"),
        ("TASE", "TA"), ("MOEX", "ME"), ("B3", "SA"), ("BVMF", "SA"),
    ]
    private let venueBytes: [([UInt8], String?)]

    public init() {
        venueBytes = Self.venues.map { (Array($0.prefix.utf8), $0.suffix) }
    }

    public func find(in text: ArticleText, master: SecurityMaster) -> [Hit] {
        let b = text.normalized
        let n = b.count
        var hits: [Hit] = []
        // Venue forms need a ":" and cashtags a "$", and most text has few of either: only the places they allow are
        // visited (a "$", and capitalised word starts up to 15 bytes before a ":").
        var starts: [Int] = []
        b.withUnsafeBufferPointer { u in
            for p in 0..<n {
                let c = u[p]
                if c == UInt8(ascii: "$") {
                    starts.append(p)
                } else if c == UInt8(ascii: ":") {
                    for k in max(0, p - 15)..<p where ByteClass.isUpper(u[k]) && (k == 0 || !ByteClass.isWord(u[k - 1])) {
                        if starts.last.map({ $0 < k }) ?? true { starts.append(k) }
                    }
                }
            }
        }
        guard !starts.isEmpty else { return [] }
        starts.sort()
        var resumeAt = 0
        for i in starts where i >= resumeAt {
            let c = b[i]
            if c == UInt8(ascii: "$"), i + 1 < n, ByteClass.isUpper(b[i + 1]), i == 0 || !ByteClass.isWord(b[i - 1]) {
                let (sym, end) = readSymbol(b, from: i + 1)
                if !sym.isEmpty, sym.count <= 6, end >= n || !ByteClass.isWord(b[end]) {
                    let found = master.instruments(matching: sym)
                    if !found.isEmpty {
                        let r = text.originalRange(i..<end)
                        hits.append(Hit(range: r, symbolRange: text.originalRange((i + 1)..<end), symbol: sym, instruments: found, how: .cashtag))
                    }
                }
                continue
            }
            if ByteClass.isUpper(c), colonFollows(b, i) {
                for (venue, suffix) in venueBytes where matches(b, at: i, venue) {
                    var j = i + venue.count
                    if j < n, ByteClass.isWord(b[j]) { continue }  // "NYSEArca" vs "NYSE"
                    while j < n, b[j] == 32 { j += 1 }
                    guard j < n, b[j] == UInt8(ascii: ":") else { break }
                    j += 1
                    while j < n, b[j] == 32 { j += 1 }
                    let (sym, end) = readSymbol(b, from: j)
                    guard !sym.isEmpty, end >= n || !ByteClass.isLetter(b[end]) else { break }
                    if let suffix {
                        let found = resolve(sym, suffix: suffix, master: master)
                        if !found.isEmpty {
                            hits.append(
                                Hit(
                                    range: text.originalRange(i..<end), symbolRange: text.originalRange(j..<end), symbol: sym, instruments: found,
                                    how: .exchangeTicker))
                        }
                    }
                    resumeAt = end
                    break
                }
            }
        }
        return hits
    }

    private func resolve(_ sym: String, suffix: String, master: SecurityMaster) -> [Int32] {
        if suffix.isEmpty { return master.instruments(matching: sym) }
        var local = sym
        if suffix == "HK", sym.allSatisfy(\.isNumber) {
            local = String(repeating: "0", count: max(0, 4 - sym.count)) + sym
        }
        return master.instruments(matching: "\(local).\(suffix)")
    }

    /// Whether a ":" follows within the next few words ("NYSE: ", "NYSE American:"): the cheap test before trying venues.
    @inline(__always)
    private func colonFollows(_ b: [UInt8], _ i: Int) -> Bool {
        var j = i
        let limit = min(b.count, i + 15)
        while j < limit {
            let c = b[j]
            if c == UInt8(ascii: ":") { return true }
            if !(ByteClass.isWord(c) || c == 32 || c == UInt8(ascii: "-")) { return false }
            j += 1
        }
        return false
    }

    @inline(__always)
    private func matches(_ b: [UInt8], at i: Int, _ word: [UInt8]) -> Bool {
        guard i + word.count <= b.count else { return false }
        for k in 0..<word.count where b[i + k] != word[k] { return false }
        return true
    }

    /// An upper-case symbol: letters and digits, with an inner "." or "-" class separator (BRK.B, BF-B).
    private func readSymbol(_ b: [UInt8], from start: Int) -> (String, Int) {
        var j = start
        let n = b.count
        while j < n, j - start < 12 {
            let c = b[j]
            if ByteClass.isUpper(c) || ByteClass.isDigit(c) {
                j += 1
            } else if (c == UInt8(ascii: ".") || c == UInt8(ascii: "-")), j > start, j + 1 < n, ByteClass.isUpper(b[j + 1]),
                j + 2 >= n || !ByteClass.isLetter(b[j + 2])
            {
                j += 2
            } else {
                break
            }
        }
        guard j > start else { return ("", start) }
        // "BF-B" is written BF.B in the master.
        return (String(decoding: b[start..<j].map { $0 == UInt8(ascii: "-") ? UInt8(ascii: ".") : $0 }, as: UTF8.self), j)
    }
}
