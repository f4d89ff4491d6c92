import NewsModel

/// Reads an analyst rating action from one sentence, in Benzinga's fields: `firm`, `action_company`,
/// `rating_prior` → `rating_current`, `action_pt`, `pt_prior` → `pt_current`.
///
/// "Morgan Stanley upgrades Alibaba to Overweight, raises PT to $300 from $250" gives firm Morgan Stanley,
/// Upgrades, → Overweight, Raises, $250 → $300. Works on the sentence's bytes: it runs on every sentence with a
/// rating cue, and many ("to hold", "target") turn out not to be ratings.
struct RatingExtractor: Sendable {
    /// A figure of the sentence and its byte offset there.
    typealias Located = (offset: Int, amount: Amount)

    /// Rating words as written in lower case, and the form Benzinga reports; longest first.
    static let ratings: [([UInt8], String)] = [
        ("strong buy", "Strong Buy"), ("strong sell", "Strong Sell"), ("market outperform", "Market Outperform"),
        ("sector outperform", "Sector Outperform"), ("sector underperform", "Sector Underperform"),
        ("market underperform", "Market Underperform"), ("market perform", "Market Perform"), ("sector perform", "Sector Perform"),
        ("sector weight", "Sector Weight"), ("peer perform", "Peer Perform"), ("equal-weight", "Equal-Weight"),
        ("equal weight", "Equal-Weight"), ("in-line", "In-Line"), ("overweight", "Overweight"), ("underweight", "Underweight"),
        ("outperform", "Outperform"), ("underperform", "Underperform"), ("accumulate", "Accumulate"), ("neutral", "Neutral"),
        ("hold", "Hold"), ("buy", "Buy"), ("sell", "Sell"), ("reduce", "Reduce"), ("positive", "Positive"), ("negative", "Negative"),
    ].map { (Array($0.0.utf8), $0.1) }
    /// How bullish each rating is, to read a change between two of them as an upgrade or a downgrade.
    static let rank: [String: Int] = [
        "Strong Sell": 0, "Sell": 1, "Underperform": 1, "Underweight": 1, "Reduce": 1, "Sector Underperform": 1,
        "Market Underperform": 1, "Negative": 1, "Hold": 2, "Neutral": 2, "Equal-Weight": 2, "Market Perform": 2,
        "Sector Perform": 2, "Sector Weight": 2, "Peer Perform": 2, "In-Line": 2, "Buy": 3, "Outperform": 3, "Overweight": 3,
        "Accumulate": 3, "Market Outperform": 3, "Sector Outperform": 3, "Positive": 3, "Strong Buy": 4,
    ]

    /// Ratings that are also everyday words: they count only beside rating words ("a Buy rating", "to Buy").
    static let everydayRatings: Set<String> = ["Buy", "Sell", "Hold", "Reduce", "Positive", "Negative", "Neutral"]

    /// Brokers often named without a legal form; others are found as the capitalised words before the action.
    static let firms: [[UInt8]] = [
        "Morgan Stanley", "Goldman Sachs", "JPMorgan", "J.P. Morgan", "Bank of America Securities", "Bank of America",
        "BofA Securities", "BofA", "Citigroup", "Citi", "Wells Fargo", "Barclays", "UBS", "Credit Suisse", "Deutsche Bank", "Jefferies",
        "Piper Sandler", "Raymond James", "RBC Capital", "Evercore ISI", "Evercore", "Bernstein", "Wedbush", "Needham", "Oppenheimer",
        "KeyBanc", "Mizuho Securities", "Mizuho", "Truist Securities", "Truist", "Baird", "Stifel", "TD Cowen", "Cowen",
        "BMO Capital", "Cantor Fitzgerald", "Loop Capital", "Rosenblatt", "Benchmark", "Canaccord Genuity", "HSBC", "Nomura",
        "Macquarie", "Morningstar", "DA Davidson", "D.A. Davidson", "Wolfe Research", "Guggenheim", "Telsey", "Susquehanna", "Argus",
        "CFRA", "Berenberg", "Redburn", "Daiwa", "Roth Capital", "Roth MKM", "B. Riley", "Ladenburg Thalmann", "H.C. Wainwright",
        "JMP Securities", "Keefe Bruyette", "KBW", "Moffett", "BTIG", "Exane", "Kepler", "Societe Generale", "BNP Paribas", "CLSA",
        "CICC", "Citizens JMP", "Northland", "Craig-Hallum", "Maxim Group", "Scotiabank", "CIBC", "TD Securities", "Desjardins",
        "Atlantic Equities",
    ].map { Array($0.utf8) }

    /// The brokers by initial (A–Z).
    static let firmsByInitial: [[[UInt8]]] = (0..<26).map { k in firms.filter { $0[0] == UInt8(65 + k) } }

    static let actionWords: Set<String> = [
        "upgrades", "upgraded", "downgrades", "downgraded", "initiates", "initiated", "maintains", "maintained", "reiterates",
        "reiterated", "raises", "raised", "lowers", "lowered", "cuts", "analyst", "analysts", "starts", "resumes", "assumes",
    ]

    /// `sentence` is the sentence's bytes; `figures` its money and price figures, in order.
    func extract(sentence: [UInt8], figures: [Located]) -> [Event.Attribute] {
        let lower = ByteClass.lowercased(sentence[...])
        var attributes: [Event.Attribute] = []
        let (prior, current) = ratings(in: lower, original: sentence)
        let targets = priceTargets(lower, figures: figures)
        // Neither a rating nor a target: a stray "to hold" or "target" — not a rating event.
        guard current != nil || targets.current != nil else { return [] }
        if let firm = firm(in: sentence) { attributes.append(.init("firm", .text(firm))) }
        if let action = companyAction(lower, hasRating: current != nil, prior: prior, current: current) {
            attributes.append(.init("action_company", .text(action)))
        }
        if let prior { attributes.append(.init("rating_prior", .text(prior))) }
        if let current { attributes.append(.init("rating_current", .text(current))) }
        if let ptCurrent = targets.current {
            attributes.append(.init("action_pt", .text(ptAction(lower, prior: targets.prior, current: ptCurrent))))
            if let p = targets.prior { attributes.append(.init("pt_prior", .number(p))) }
            attributes.append(.init("pt_current", .number(ptCurrent)))
        }
        return attributes
    }

    /// "Upgrades", "Downgrades", "Initiates Coverage On", "Assumes", "Reiterates", "Maintains".
    func companyAction(_ s: [UInt8], hasRating: Bool, prior: String? = nil, current: String? = nil) -> String? {
        if Self.hasWord(s, "upgrades", "upgraded", "upgrade", "upgrading") { return "Upgrades" }
        if Self.hasWord(s, "downgrades", "downgraded", "downgrade", "downgrading") { return "Downgrades" }
        // "flipping his rating from Sell to Neutral": the ratings themselves say which way.
        if let p = prior.flatMap({ Self.rank[$0] }), let c = current.flatMap({ Self.rank[$0] }), p != c { return c > p ? "Upgrades" : "Downgrades" }
        let coverage = ByteClass.find(Array("coverage".utf8), in: s) != nil
        if coverage && Self.hasWord(s, "initiates", "initiated", "initiate", "initiating", "starts", "started", "begins", "began") {
            return "Initiates Coverage On"
        }
        if coverage && Self.hasWord(s, "resumes", "resumed", "assumes", "assumed") { return "Assumes" }
        if Self.hasWord(s, "reiterates", "reiterated", "reiterate", "reaffirms", "reaffirmed", "affirms", "affirmed") { return "Reiterates" }
        if hasRating || Self.hasWord(s, "maintains", "maintained", "kept", "keeps") { return "Maintains" }
        return nil
    }

    /// The prior rating (after "from") and the current one (after "to", or the only one named).
    func ratings(in s: [UInt8], original: [UInt8]) -> (prior: String?, current: String?) {
        var found: [(at: Int, name: String)] = []
        var taken: [Range<Int>] = []
        for (word, name) in Self.ratings {
            var from = 0
            while let at = ByteClass.find(word, in: s, from: from, wholeWord: true) {
                from = at + word.count
                let r = at..<(at + word.count)
                guard !taken.contains(where: { $0.overlaps(r) }) else { continue }
                if Self.everydayRatings.contains(name), !isRatingUse(s, original, r) { continue }
                taken.append(r)
                found.append((at, name))
            }
        }
        found.sort { $0.at < $1.at }
        var prior: String?
        var current: String?
        for f in found {
            let before = Self.wordBefore(s, f.at)
            if before == "from" && prior == nil { prior = f.name } else if current == nil || before == "to" { current = f.name }
        }
        return (prior, current)
    }

    /// "a Buy rating", "to Outperform", "maintains Hold" — not "agreed to buy Acme" or "hold a meeting".
    private func isRatingUse(_ s: [UInt8], _ original: [UInt8], _ r: Range<Int>) -> Bool {
        let next = Self.wordAfter(s, r.upperBound)
        if next == "rating" || next == "ratings" || next == "recommendation" || next == "call" { return true }
        let before = Self.wordBefore(s, r.lowerBound)
        let leads: Set<String> = ["to", "from", "at", "maintains", "reiterates", "reiterated", "maintained", "kept", "keeps", "rates", "rated"]
        guard leads.contains(before) else { return false }
        // After "to"/"from" a rating is capitalised in wire copy ("to Buy"), and ends the phrase.
        guard ByteClass.isUpper(original[r.lowerBound]) || ["", "from", "to", "and", "with"].contains(next) else { return false }
        return ["", "from", "to", "and", "with", "on", "at", "in", "while", "after", "as", "citing", "rating"].contains(next)
    }

    /// Price targets: the figures after "target"/"PT", read as "to X from Y", "from Y to X" or "of X".
    func priceTargets(_ s: [UInt8], figures: [Located]) -> (prior: Double?, current: Double?) {
        let cue =
            ByteClass.find(Array("price target".utf8), in: s) ?? ByteClass.find(Array("pt".utf8), in: s, wholeWord: true)
            ?? ByteClass.find(Array("target".utf8), in: s, wholeWord: true) ?? ByteClass.find(Array("objective".utf8), in: s)
        guard let cue, !figures.isEmpty else { return (nil, nil) }
        // Figures that belong to the target: after the cue, or just before it ("a $300 price target").
        let after = figures.filter { $0.offset > cue }
        let near = after.isEmpty ? figures.filter { cue - $0.offset < 14 } : after
        guard let first = near.first else { return (nil, nil) }
        if near.count >= 2 {
            let second = near[1]
            let between = Array(s[(first.offset)..<second.offset])
            let before = Self.wordBefore(s, first.offset)
            if before == "from" && ByteClass.find(Array(" to ".utf8), in: between) != nil { return (first.amount.value, second.amount.value) }
            if ByteClass.find(Array("from".utf8), in: between, wholeWord: true) != nil { return (second.amount.value, first.amount.value) }
        }
        return (nil, first.amount.value)
    }

    func ptAction(_ s: [UInt8], prior: Double?, current: Double) -> String {
        if let prior { return current > prior ? "Raises" : current < prior ? "Lowers" : "Maintains" }
        if Self.hasWord(
            s, "raises", "raised", "raise", "raising", "increases", "increased", "increasing", "boosts", "boosted", "lifts", "lifted", "hikes",
            "hiked")
        {
            return "Raises"
        }
        if Self.hasWord(
            s, "lowers", "lowered", "lower", "lowering", "cuts", "cut", "cutting", "reduces", "reduced", "trims", "trimmed", "slashes", "slashed")
        {
            return "Lowers"
        }
        if Self.hasWord(s, "maintains", "maintained", "reiterates", "reiterated", "keeps", "kept") { return "Maintains" }
        return "Announces"
    }

    /// A known broker (the first named), or the capitalised words that open the sentence before the action
    /// ("Acme Capital upgrades"), or those after "analysts at".
    func firm(in s: [UInt8]) -> String? {
        // The first known broker: at each capitalised word start, only the brokers with that initial are compared.
        var at = 0
        while at < s.count {
            if ByteClass.isUpper(s[at]), at == 0 || !ByteClass.isWord(s[at - 1]) {
                var best: [UInt8]?
                for f in Self.firmsByInitial[Int(s[at] - 65)] where at + f.count <= s.count && s[at..<(at + f.count)].elementsEqual(f) {
                    if at + f.count == s.count || !ByteClass.isWord(s[at + f.count]), f.count > (best?.count ?? 0) { best = f }
                }
                if let best { return String(decoding: best, as: UTF8.self) }
            }
            at += 1
        }
        let opening = Self.capitalisedRun(s, from: 0)
        if !opening.isEmpty, Self.actionWords.contains(Self.wordAfter(ByteClass.lowercased(s[...]), opening.count)) {
            return String(decoding: opening, as: UTF8.self)
        }
        let lower = ByteClass.lowercased(s[...])
        for lead in ["analysts at ", "analyst at ", "analysts from "] {
            if let at = ByteClass.find(Array(lead.utf8), in: lower) {
                let name = Self.capitalisedRun(s, from: at + lead.utf8.count)
                if !name.isEmpty { return String(decoding: name, as: UTF8.self) }
            }
        }
        return nil
    }

    /// The run of capitalised words starting at `from`, without a trailing comma or possessive.
    static func capitalisedRun(_ s: [UInt8], from: Int) -> [UInt8] {
        var end = from
        var i = from
        while i < s.count, ByteClass.isUpper(s[i]) || s[i] == UInt8(ascii: "&") {
            var j = i
            while j < s.count, s[j] != 32 { j += 1 }
            var wordEnd = j
            while wordEnd > i, s[wordEnd - 1] == UInt8(ascii: ",") || s[wordEnd - 1] == UInt8(ascii: ":") { wordEnd -= 1 }
            if wordEnd - i > 2, s[wordEnd - 2] == UInt8(ascii: "'"), s[wordEnd - 1] == UInt8(ascii: "s") {
                return Array(s[from..<(wordEnd - 2)])
            }
            end = wordEnd
            if wordEnd < j { break }  // a comma ends the name
            i = j + 1
        }
        return Array(s[from..<end])
    }

    static func hasWord(_ s: [UInt8], _ words: String...) -> Bool {
        words.contains { ByteClass.find(Array($0.utf8), in: s, wholeWord: true) != nil }
    }

    /// The lower-case word ending just before `at` (skipping spaces and a hyphen).
    static func wordBefore(_ s: [UInt8], _ at: Int) -> String {
        var end = at
        while end > 0, s[end - 1] == 32 || s[end - 1] == UInt8(ascii: "-") || s[end - 1] == UInt8(ascii: "$") { end -= 1 }
        var start = end
        while start > 0, ByteClass.isLetter(s[start - 1]) { start -= 1 }
        return String(decoding: s[start..<end], as: UTF8.self)
    }

    /// The lower-case word starting after `at` (skipping spaces and a hyphen), or "" at the end.
    static func wordAfter(_ s: [UInt8], _ at: Int) -> String {
        var start = at
        while start < s.count, s[start] == 32 || s[start] == UInt8(ascii: "-") { start += 1 }
        var end = start
        while end < s.count, ByteClass.isLetter(s[end]) { end += 1 }
        return String(decoding: s[start..<end], as: UTF8.self)
    }
}
