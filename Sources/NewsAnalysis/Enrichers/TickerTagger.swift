import Foundation
import NewsModel

#if canImport(Glibc)
    import Glibc
#endif

/// Finds the listed companies an article names, with every mention's offsets and how it was found.
///
/// Names come from one Aho-Corasick pass over the security master's names; explicit forms
/// (`NYSE: BABA`, `$AAPL`, "Alibaba Group Holding Ltd BABA") from `ExplicitTickerFinder` and the wire-style check here.
/// Disambiguation: a name that is an English word ("Target", "Snap"), an ambiguous short name, or a name inside a
/// longer organisation's name must be corroborated — by a certain mention of the same company elsewhere, or by
/// company context in its sentence — before it becomes a tag.
public struct TickerTagger: Sendable {
    public let master: SecurityMaster
    private let explicit = ExplicitTickerFinder()
    private let organizations = OrganizationFinder()

    public init(master: SecurityMaster) {
        self.master = master
    }

    /// Words in a sentence that show a capitalised common word is a company there.
    static let companyCues: Set<String> = [
        "shares", "stock", "stocks", "investors", "earnings", "revenue", "revenues", "profit", "profits", "quarterly", "quarter",
        "ceo", "analyst", "analysts", "shareholders", "dividend", "nyse", "nasdaq", "listed", "inc", "corp", "company's",
        "acquisition", "acquire", "acquired", "takeover", "merger", "offer", "bid", "deal", "sales", "guidance", "outlook",
        "downgrade", "downgraded", "upgrade", "upgraded", "rating", "forecast", "results", "retailer", "insurer", "maker",
        "chipmaker", "automaker", "carrier", "lender", "brokerage", "supplier", "rival", "rivals", "competitor", "valuation",
        "target", "overweight", "underweight", "outperform", "underperform", "neutral", "buy", "sell", "hold", "raises", "lowers",
        // Words of corporate events: a company does these.
        "invest", "invests", "invested", "investing", "stake", "layoffs", "workforce", "employees", "ipo", "offering", "listing",
        "delisted", "delisting", "buyback", "repurchase", "repurchases", "split", "contract", "partnership", "unveiled",
        "bankruptcy", "fined", "sued", "lawsuit", "probe", "sanctions", "blacklist", "appointed", "reported", "subscribers",
    ]

    struct Candidate {
        var range: Range<Int>
        var instruments: ArraySlice<Int32>
        var how: Mention.How
        var strong: Bool
        var common: Bool = false
        var kind: AliasGenerator.Kind = .legal
        var single: Bool = false
        var curated: Int32? = nil
        var venue: Bool = false
    }

    public struct Result: Sendable {
        public var instruments: [TaggedInstrument]
        public var organizations: [Organization]
    }

    public func tag(_ text: ArticleText, tokens: TokenizedText, published: Date? = nil) -> Result {
        let orgSpans = organizations.find(in: text, tokens: tokens)
        var candidates = nameCandidates(text, orgSpans: orgSpans)
        for hit in explicit.find(in: text, master: master) {
            candidates.append(Candidate(range: hit.range, instruments: hit.instruments[...], how: hit.how, strong: true))
        }
        candidates.sort { $0.range.lowerBound < $1.range.lowerBound }

        // Instruments with at least one certain mention.
        var confirmed: Set<Int32> = []
        for c in candidates where c.strong && c.instruments.count == 1 { confirmed.insert(c.instruments.first!) }

        var accepted: [(Int32, Candidate)] = []
        var sentenceCues: [Int: Bool] = [:]  // sentence start -> has a company cue, computed when first asked
        for var c in candidates {
            if c.instruments.count > 1 {
                if let pick = c.instruments.first(where: confirmed.contains) {
                    c.instruments = [pick]
                } else if let pick = c.curated {
                    c.instruments = [pick]
                } else if let pick = preferred(c.instruments) {
                    c.instruments = [pick]
                } else {
                    continue
                }
            }
            let inst = c.instruments.first!
            if c.venue && !confirmed.contains(inst) { continue }
            if c.strong || confirmed.contains(inst) || corroborated(c, in: text, cues: &sentenceCues) {
                accepted.append((inst, c))
            }
        }
        // Bare symbols of instruments already found are more mentions of them ("AI stock" after "C3.ai").
        let found = Set(accepted.map(\.0))
        accepted += bareSymbolMentions(text, of: found, taken: accepted.map(\.1.range))

        var byInstrument: [Int32: [Mention]] = [:]
        var order: [Int32] = []
        for (inst, c) in accepted.sorted(by: { $0.1.range.lowerBound < $1.1.range.lowerBound }) {
            if byInstrument[inst] == nil { order.append(inst) }
            byInstrument[inst, default: []].append(
                Mention(
                    text: text.text(c.range), start: text.scalarOffset(c.range.lowerBound), end: text.scalarOffset(c.range.upperBound),
                    inTitle: c.range.lowerBound < text.titleEnd, how: c.how))
        }
        let scored = RelevanceScorer.score(order.map { byInstrument[$0]! }, textLength: text.scalarOffset(text.bytes.count))
        var tagged: [TaggedInstrument] = []
        for (k, inst) in order.enumerated() {
            tagged.append(
                TaggedInstrument(
                    instrument: master.instruments[Int(inst)], symbolAsPublished: master.symbol(of: inst, at: published),
                    relevance: scored[k].relevance, primary: scored[k].primary, mentions: byInstrument[inst]!))
        }
        tagged.sort { ($0.relevance, -$0.mentions[0].start) > ($1.relevance, -$1.mentions[0].start) }

        let orgs = orgSpans.map { span in
            let owner = accepted.first { $0.1.range.overlaps(span) }
            return Organization(
                name: text.text(span), start: text.scalarOffset(span.lowerBound), end: text.scalarOffset(span.upperBound), linked: owner != nil,
                symbol: owner.map { master.instruments[Int($0.0)].symbol })
        }
        return Result(instruments: tagged, organizations: orgs)
    }

    /// The clearly most prominent of several instruments sharing a name (a US listing over a namesake abroad).
    private func preferred(_ list: ArraySlice<Int32>) -> Int32? {
        let ranked = list.sorted { master.instruments[Int($0)].prominence > master.instruments[Int($1)].prominence }
        guard let top = ranked.first else { return nil }
        if ranked.count == 1 { return top }
        let gap = master.instruments[Int(top)].prominence - master.instruments[Int(ranked[1])].prominence
        return gap >= 20 ? top : nil
    }

    // MARK: - Names

    private func nameCandidates(_ text: ArticleText, orgSpans: [Range<Int>]) -> [Candidate] {
        let norm = text.normalized
        let view = Self.matchView(norm)
        var raw: [(start: Int, end: Int, name: Int32)] = []
        view.withUnsafeBufferPointer { buf in
            master.automaton.scanWholeWords(buf) { m in
                // view[k + 1] is norm[k]; the pattern's leading space sits just before the name.
                let end = m.end - 1
                let start = end - (Int(master.automaton.patternLengths[Int(m.pattern)]) - 1)
                if end < norm.count, ByteClass.isWord(norm[end]) { return }
                // "Alibaba" in "Alibaba-backed" is still Alibaba, but "F" in "F-150" is not Ford.
                if start > 1, norm[start - 1] == UInt8(ascii: "-"), ByteClass.isWord(norm[start - 2]) { return }
                raw.append((start, end, m.pattern))
            }
        }
        // Leftmost-longest, non-overlapping.
        raw.sort { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
        var out: [Candidate] = []
        var lastEnd = 0
        for r in raw where r.start >= lastEnd {
            let entry = master.names[Int(r.name)]
            let range = text.originalRange(r.start..<r.end)
            guard looksLikeName(text, range, entry: entry) else { continue }
            lastEnd = r.end
            // A name inside a longer organisation's name ("China Mobile" in "China Mobile Communications Group Co Ltd")
            // is that other organisation.
            if let org = orgSpans.first(where: { $0.overlaps(range) }), !coversName(org, range, text) { continue }
            var c = Candidate(
                range: range, instruments: entry.instruments, how: entry.kind >= .core ? .name : .alias,
                strong: !entry.isCommonWord && entry.instruments.count == 1, common: entry.isCommonWord, kind: entry.kind,
                single: entry.isSingleWord, curated: entry.curatedInstrument, venue: entry.isVenue)
            if c.strong == false, !c.common, let pick = entry.curatedInstrument {
                c.instruments = [pick]
                c.strong = true
            }
            // A one-word name inside a longer proper name ("Tokai Tokyo Intelligence", "Nano-Cap", "Verizon Wireless")
            // counts only if the company is named for certain elsewhere.
            if c.strong, c.single, c.kind != .legal || entry.isSingleWord, isInsideLongerName(text, range) { c.strong = false }
            if let wired = tickerAfter(text, range, of: entry.instruments) {
                c.range = range.lowerBound..<wired.end
                c.instruments = [wired.instrument]
                c.how = .nameAndTicker
                c.strong = true
                lastEnd = max(lastEnd, r.end)
            }
            out.append(c)
        }
        return out
    }

    /// The text as the automaton reads it: a leading space, then the normalised text with punctuation that cannot be
    /// inside a name ("(", quotes, "$", "/") turned into spaces, so every name is preceded by a space.
    /// Names start with a capital or a digit, so the space before a lower-case word (other than a connector inside
    /// names, "Bank of America") becomes 0x01: no name can start there, and the scan skips the word at the root.
    ///
    /// The text is copied whole, then walked a word at a time: inside a word nothing changes, so a word's bytes are
    /// only classified, and the rest of the work is at its start and in the punctuation between words.
    static func matchView(_ norm: [UInt8]) -> [UInt8] {
        let n = norm.count
        let insideNamePunctuation = Self.insideNamePunctuation  // hoisted: a static read in the loop costs a lazy-init check
        let connectors = Self.packedConnectors
        let foldedWord = ByteClass.foldedWord
        return [UInt8](unsafeUninitializedCapacity: n + 1) { v, count in
            norm.withUnsafeBufferPointer { src in
                v[0] = 32
                if n > 0 { (v.baseAddress! + 1).initialize(from: src.baseAddress!, count: n) }
                var k = 0
                while k < n {
                    let c = src[k]
                    if foldedWord[Int(c)] != 0 {
                        // A word starts here: block a name start before a lower-case word that is not a connector,
                        // unless it follows a word in capitals ("SK hynix").
                        if ByteClass.isLower(c), v[k] == 32, k < 2 || v[k - 1] == 32 || upperRun(src, before: k) < 2,
                            !startsConnector(src, k, connectors)
                        {
                            v[k] = 1
                        }
                        k += 1
                        while k < n, foldedWord[Int(src[k])] != 0 { k += 1 }
                        continue
                    }
                    if c == UInt8(ascii: "'") {
                        // A possessive or contraction stays; an opening quote is a boundary.
                        if k == 0 || foldedWord[Int(src[k - 1])] == 0 { v[k + 1] = 32 }
                    } else if !insideNamePunctuation[Int(c)] {
                        v[k + 1] = 32
                    }
                    k += 1
                }
            }
            count = n + 1
        }
    }

    /// The length of the all-capitals word that ends just before the spaces before `at`; 0 when that word has anything
    /// but capitals, or when something other than spaces stands between.
    private static func upperRun(_ src: UnsafeBufferPointer<UInt8>, before at: Int) -> Int {
        var e = at - 1
        while e >= 0, src[e] == 32 { e -= 1 }
        var count = 0
        while e >= 0, ByteClass.isWord(src[e]) {
            guard ByteClass.isUpper(src[e]) else { return 0 }
            count += 1
            e -= 1
        }
        return count
    }

    /// Whether a lower-case connector word that can stand inside a name begins at `at`.
    private static func startsConnector(_ v: UnsafeBufferPointer<UInt8>, _ at: Int, _ connectors: [UInt32]) -> Bool {
        var packed: UInt32 = 0
        var e = at
        while e < v.count, ByteClass.isLower(v[e]) {
            if e - at == 3 { return false }  // connectors are short
            packed = packed << 8 | UInt32(v[e])
            e += 1
        }
        return connectors.contains(packed)  // a dozen integers: a scan beats hashing
    }

    /// Connectors of up to three letters, packed into integers for a cheap lookup.
    static let packedConnectors: [UInt32] = Array(
        connectors.filter { $0.utf8.count <= 3 && $0.utf8.allSatisfy(ByteClass.isLower) }.map {
            $0.utf8.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        })

    /// Punctuation that can stand inside a name: "AT&T", "Amazon.com, Inc", "Dave & Buster's", "Coca-Cola", "En+".
    static let insideNamePunctuation: [Bool] = (0..<256).map { b in
        [UInt8(ascii: "&"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: ","), UInt8(ascii: "+"), UInt8(ascii: "!"), 32].contains(UInt8(b))
    }

    /// Names are written capitalised: "target" is never Target, and an acronym name (SAP, UBS) is matched in capitals only.
    private func looksLikeName(_ text: ArticleText, _ range: Range<Int>, entry: SecurityMaster.NameEntry) -> Bool {
        let b = text.bytes
        guard let first = b[range].first, ByteClass.isUpper(first) || ByteClass.isDigit(first) || first >= 0x80 else { return false }
        if entry.isAcronym {
            // "(DKS)" right after another name is that company's ticker, not a namesake's name.
            if range.lowerBound > 0,
                b[range.lowerBound - 1] == UInt8(ascii: "(")
                    || (range.lowerBound > 1 && b[range.lowerBound - 1] == 32 && b[range.lowerBound - 2] == UInt8(ascii: "("))
            {
                return false
            }
            return b[range].elementsEqual(entry.text.utf8)
        }
        // "PLAY" in capitals is a ticker or a shout, not the company called Play.
        let matched = b[range]
        if !matched.contains(32), matched.count >= 2, !matched.contains(where: ByteClass.isLower), entry.text.utf8.contains(where: ByteClass.isLower),
            !inShoutingLine(text, range.lowerBound)
        {
            return false
        }
        // Every word of a multi-word name starts with a capital or a digit, or is a connector ("Bank of America");
        // after an acronym, a stylised lower-case word is fine ("SK hynix"). A one-word name's start is checked above.
        guard matched.contains(32) else { return true }
        let words = b[range].split(separator: 32)
        if words.count > 1, let w0 = words.first, w0.count >= 2, w0.allSatisfy({ ByteClass.isUpper($0) || $0 == UInt8(ascii: "&") }) { return true }
        for word in words {
            guard let f = word.first, ByteClass.isLower(f) else { continue }
            if !Self.connectors.contains(String(decoding: word, as: UTF8.self)) { return false }
        }
        return true
    }

    static let connectors: Set<String> = ["of", "and", "the", "de", "du", "la", "for", "und", "des", "del", "y", "e", "a", "in", "on", "com", ".com"]
    /// Words just before or after a common-word name that make it a company.
    static let cuesBefore: Set<String> = [
        "competitor", "rival", "rivals", "peer", "peers", "insurer", "retailer", "chipmaker", "automaker", "lender", "carrier", "maker",
        "supplier", "giant", "of", "downgrades", "upgrades", "raises", "cuts", "lowers", "reiterates", "initiates", "on", "acquire",
        "buy", "bought", "acquired", "sued", "fined", "suing", "against",
    ]
    static let cuesAfter: Set<String> = [
        "price", "shares", "stock", "stocks", "inc", "corp", "earnings", "revenue", "ceo", "said", "reported", "announced", "analyst",
        "analysts",
    ]

    /// Words right after a name that show it is a traded company ("Recruit jumped 6.93%", "Toyota rose").
    static let marketVerbs: Set<String> = [
        "rose", "fell", "jumped", "climbed", "gained", "dropped", "slid", "plunged", "soared", "tumbled", "surged", "sank", "slumped",
        "rallied", "advanced", "declined", "lost", "added", "shed", "edged", "dipped", "spiked", "skidded", "retreated", "rebounded",
        "shares", "stock", "stocks", "reported", "posted", "said", "announced", "agreed", "raised", "cut", "beat", "missed",
        // What a company does in corporate news.
        "declared", "unveiled", "launched", "introduced", "acquired", "acquires", "invested", "invests", "filed", "signed", "named",
        "appointed", "completed", "authorized", "repurchased", "issued", "priced", "sued", "settled", "expects", "reaffirmed",
        "withdrew", "laid", "plans", "led", "ceo", "cfo", "chief", "executives", "spokesperson", "spokesman", "spokeswoman",
    ]

    /// Whether an organisation span is just the name plus legal forms ("Amazon.com, Inc" for "Amazon.com").
    /// Words after the name that are more than legal forms make it another organisation: "China Mobile" in
    /// "China Mobile Communications Group Co Ltd", "Target" in "Target Healthcare REIT".
    private func coversName(_ org: Range<Int>, _ name: Range<Int>, _ text: ArticleText) -> Bool {
        guard org.upperBound > name.upperBound else { return true }
        let tail = text.text(name.upperBound..<org.upperBound)
        let words = tail.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "." }).map(String.init)
        return words.allSatisfy { Self.legalTail.contains($0) }
    }

    /// What may follow a name inside the same organisation span: legal forms and group words ("Yum China Holdings Inc").
    static let legalTail: Set<String> = [
        "Inc", "Corp", "Co", "Ltd", "Limited", "Corporation", "Company", "plc", "PLC", "Plc", "AG", "SE", "SA", "NV", "LLC", "Incorporated",
        "N", "V", "S", "A", "Group", "Holdings", "Holding",
    ]

    /// A short name followed or preceded by another capitalised word is likely part of a different name
    /// ("Target Healthcare", "Jack Ma").
    private func isInsideLongerName(_ text: ArticleText, _ range: Range<Int>) -> Bool {
        let b = text.bytes
        var j = range.upperBound
        // "Nano-Cap" extends the name; "FactSet-compiled" and "Alibaba-backed" only describe it.
        if j + 1 < b.count, b[j] == UInt8(ascii: "-"), ByteClass.isUpper(b[j + 1]) { return true }
        if j + 1 < b.count, b[j] == 32, ByteClass.isUpper(b[j + 1]) {
            j += 1
            var e = j
            while e < b.count, ByteClass.isLetter(b[e]) { e += 1 }
            let next = text.text(j..<e)
            if !OrganizationFinder.endings.contains(next) && !isAllCaps(next) { return !inTitleCaseLine(text, range) }
        }
        return false
    }

    private func isAllCaps(_ s: String) -> Bool { !s.isEmpty && s.utf8.allSatisfy { ByteClass.isUpper($0) || ByteClass.isDigit($0) } }

    /// "Alibaba Group Holding Ltd BABA", "Amazon.com, Inc AMZN", "Ford Motor Company (F)", "Nvidia ( NVDA )".
    private func tickerAfter(_ text: ArticleText, _ range: Range<Int>, of instruments: ArraySlice<Int32>) -> (instrument: Int32, end: Int)? {
        let b = text.bytes
        var j = range.upperBound
        if j < b.count, b[j] == UInt8(ascii: ",") || b[j] == UInt8(ascii: ".") { j += 1 }
        guard j < b.count, b[j] == 32 else { return nil }
        j += 1
        var paren = false
        if j < b.count, b[j] == UInt8(ascii: "(") {
            paren = true
            j += 1
            while j < b.count, b[j] == 32 { j += 1 }
        }
        let s = j
        while j < b.count,
            ByteClass.isUpper(b[j]) || ByteClass.isDigit(b[j]) || (b[j] == UInt8(ascii: ".") && j + 1 < b.count && ByteClass.isUpper(b[j + 1]))
        {
            j += 1
        }
        guard j > s, j - s <= 10, j >= b.count || !ByteClass.isLetter(b[j]) else { return nil }
        let sym = text.text(s..<j)
        var end = j
        if paren {
            while end < b.count, b[end] == 32 { end += 1 }
            guard end < b.count, b[end] == UInt8(ascii: ")") else { return nil }
            end += 1
        }
        // "BABA" is BABA; "9988" is 9988.HK: a symbol matches whole or up to its suffix. No copies of instruments here:
        // this runs for every name found.
        func matches(_ symbol: String) -> Bool {
            guard symbol.utf8.count >= sym.utf8.count, symbol.utf8.starts(with: sym.utf8) else { return false }
            return symbol.utf8.count == sym.utf8.count || symbol.utf8.dropFirst(sym.utf8.count).first == UInt8(ascii: ".")
        }
        for inst in instruments {
            if matches(master.instruments[Int(inst)].symbol) || master.instruments[Int(inst)].listings.contains(where: { matches($0.symbol) })
                || (master.formerSymbols[inst]?.contains { matches($0.symbol) } ?? false)
            {
                return (inst, end)
            }
        }
        return nil
    }

    /// Whether a common-word or ambiguous name has company context around it.
    private func corroborated(_ c: Candidate, in text: ArticleText, cues: inout [Int: Bool]) -> Bool {
        let r = c.range
        if r.lowerBound < text.titleEnd { return false }  // titles capitalise every word
        if inTitleCaseLine(text, r) { return false }
        if c.single, isInsideLongerName(text, r) { return false }
        let sentence = text.sentence(containing: r.lowerBound)
        if c.single, let prev = precededByWord(text, r.lowerBound), let f = prev.utf8.first, ByteClass.isUpper(f),
            !isSentenceStart(r.lowerBound - 1 - prev.utf8.count, of: sentence)
        {
            return false  // "Morning Post", "Jack Ma": part of a longer proper name
        }
        if let next = wordAfter(text, r.upperBound), Self.marketVerbs.contains(next) { return true }
        if c.common {
            // Capitalised at the start of a sentence proves nothing.
            if sentence.lowerBound == r.lowerBound || precededOnlyByQuote(text, sentence.lowerBound, r.lowerBound) { return false }
            // "the Delta variant": a common word after "the" and before a lower-case noun reads as a name of a thing.
            if precededByWord(text, r.lowerBound) == "the" { return false }
            // A common word needs its cue right beside it: "competitor Progressive", "Burberry price target", "shares of Target".
            if let next = wordAfter(text, r.upperBound), Self.cuesAfter.contains(next) { return true }
            if let prev = precededByWord(text, r.lowerBound)?.lowercased(), Self.cuesBefore.contains(prev) { return true }
            return false
        }
        if let known = cues[sentence.lowerBound] { return known }
        let found = Self.hasCompanyCue(text, sentence)
        cues[sentence.lowerBound] = found
        return found
    }

    /// Whether a sentence has a company cue word ("shares", "CEO", "acquisition"). Only words of a cue's length become Strings.
    static func hasCompanyCue(_ text: ArticleText, _ sentence: Range<Int>) -> Bool {
        let b = text.bytes
        var i = sentence.lowerBound
        while i < sentence.upperBound {
            guard ByteClass.isLetter(b[i]) else {
                i += 1
                continue
            }
            var j = i
            while j < sentence.upperBound, ByteClass.isLetter(b[j]) || b[j] == UInt8(ascii: "'") { j += 1 }
            if j - i >= 3, j - i <= 12, companyCues.contains(AliasGenerator.lowerASCII(text.text(i..<j))) { return true }
            i = j
        }
        return false
    }

    /// Whether a byte offset is where its sentence starts (a capital there says nothing).
    private func isSentenceStart(_ at: Int, of sentence: Range<Int>) -> Bool {
        at <= sentence.lowerBound
    }

    /// The lower-case word after a name, skipping a possessive ("Alibaba's shares" gives "shares").
    private func wordAfter(_ text: ArticleText, _ at: Int) -> String? {
        let b = text.bytes
        var s = at
        if s + 1 < b.count, b[s] == UInt8(ascii: "'"), b[s + 1] == UInt8(ascii: "s") { s += 2 }
        if s + 3 < b.count, b[s] == 0xE2, b[s + 1] == 0x80, b[s + 2] == 0x99, b[s + 3] == UInt8(ascii: "s") { s += 4 }
        guard s < b.count, b[s] == 32 else { return nil }
        s += 1
        var e = s
        while e < b.count, ByteClass.isLower(b[e]) { e += 1 }
        return e > s ? text.text(s..<e) : nil
    }

    private func precededOnlyByQuote(_ text: ArticleText, _ from: Int, _ to: Int) -> Bool {
        text.bytes[from..<to].allSatisfy { $0 == 34 || $0 == 39 || $0 == 32 || $0 == 40 || $0 >= 0x80 }
    }

    private func precededByWord(_ text: ArticleText, _ at: Int) -> String? {
        let b = text.bytes
        var e = at
        while e > 0, b[e - 1] == 32 { e -= 1 }
        var s = e
        while s > 0, ByteClass.isLetter(b[s - 1]) { s -= 1 }
        return s < e ? text.text(s..<e) : nil
    }

    /// A line where most words are capitalised (a headline or a section header) says nothing by its capitals.
    private func inTitleCaseLine(_ text: ArticleText, _ r: Range<Int>) -> Bool {
        let b = text.bytes
        var s = r.lowerBound
        while s > 0, b[s - 1] != 10 { s -= 1 }
        var e = r.upperBound
        while e < b.count, b[e] != 10 { e += 1 }
        var words = 0
        var caps = 0
        var atStart = true
        for k in s..<e {
            let c = b[k]
            if c == 32 {
                atStart = true
            } else if atStart {
                atStart = false
                words += 1
                if words > 25 { return false }
                if ByteClass.isUpper(c) || ByteClass.isDigit(c) { caps += 1 }
            }
        }
        return words >= 3 && Double(caps) / Double(words) >= 0.75
    }

    /// Bare upper-case symbols of instruments already found ("AI stock", "PLAY Stock", "BABA").
    private func bareSymbolMentions(_ text: ArticleText, of found: Set<Int32>, taken: [Range<Int>]) -> [(Int32, Candidate)] {
        guard !found.isEmpty else { return [] }
        var symbols: [String: Int32] = [:]
        for inst in found {
            let sym = master.instruments[Int(inst)].symbol
            if sym.count >= 2, !sym.contains(".") { symbols[sym] = inst }
        }
        guard !symbols.isEmpty else { return [] }
        // Each symbol's occurrences, found by a byte search (most articles never write a found company's symbol
        // bare), that are a whole word: capitals and digits with no letter or digit on either side.
        var hits: [(range: Range<Int>, instrument: Int32)] = []
        text.bytes.withUnsafeBytes { hay in
            for (symbol, inst) in symbols {
                var s = symbol
                s.withUTF8 { needle in
                    guard ByteClass.isUpper(needle[0]), needle.allSatisfy({ ByteClass.isUpper($0) || ByteClass.isDigit($0) }) else { return }
                    var from = 0
                    while let i = ByteClass.firstOffset(of: needle, in: hay, from: from) {
                        let j = i + needle.count
                        if i == 0 || !ByteClass.isWord(hay[i - 1]), j == hay.count || !ByteClass.isWord(hay[j]) { hits.append((i..<j, inst)) }
                        from = i + 1
                    }
                }
            }
        }
        hits.sort { $0.range.lowerBound < $1.range.lowerBound }
        return hits.compactMap { hit in
            guard !taken.contains(where: { $0.overlaps(hit.range) }), !inShoutingLine(text, hit.range.lowerBound) else { return nil }
            return (hit.instrument, Candidate(range: hit.range, instruments: [hit.instrument], how: .ticker, strong: true))
        }
    }

    /// All-capitals lines ("CARNIVAL CORPORATION & PLC REPORTS …") make every word look like a symbol.
    private func inShoutingLine(_ text: ArticleText, _ at: Int) -> Bool {
        let b = text.bytes
        var s = at
        while s > 0, b[s - 1] != 10 { s -= 1 }
        var e = at
        while e < b.count, b[e] != 10 { e += 1 }
        var upper = 0
        var lower = 0
        for c in b[s..<e] {
            if ByteClass.isUpper(c) { upper += 1 } else if ByteClass.isLower(c) { lower += 1 }
        }
        return upper > 3 * max(1, lower)
    }
}
