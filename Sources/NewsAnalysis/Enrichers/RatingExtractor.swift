import NewsModel

/// Reads an analyst rating action from one sentence, in Benzinga's fields: `firm`, `action_company`,
/// `rating_prior` → `rating_current`, `action_pt`, `pt_prior` → `pt_current`.
///
/// "Morgan Stanley upgrades Alibaba to Overweight, raises PT to $300 from $250" gives firm Morgan Stanley,
/// Upgrades, → Overweight, Raises, $250 → $300.
struct RatingExtractor: Sendable {
    /// Rating words as written in lower case, and the form Benzinga reports; longest first.
    static let ratings: [(String, String)] = [
        ("strong buy", "Strong Buy"), ("strong sell", "Strong Sell"), ("market outperform", "Market Outperform"),
        ("sector outperform", "Sector Outperform"), ("sector underperform", "Sector Underperform"),
        ("market underperform", "Market Underperform"), ("market perform", "Market Perform"), ("sector perform", "Sector Perform"),
        ("sector weight", "Sector Weight"), ("peer perform", "Peer Perform"), ("equal-weight", "Equal-Weight"),
        ("equal weight", "Equal-Weight"), ("in-line", "In-Line"), ("in line", "In-Line"), ("overweight", "Overweight"),
        ("underweight", "Underweight"), ("outperform", "Outperform"), ("underperform", "Underperform"), ("accumulate", "Accumulate"),
        ("neutral", "Neutral"), ("hold", "Hold"), ("buy", "Buy"), ("sell", "Sell"), ("reduce", "Reduce"), ("positive", "Positive"),
        ("negative", "Negative"), ("mixed", "Mixed"),
    ]

    /// Brokers often named without a legal form; others are found as the capitalised words before the action.
    static let firms = [
        "Morgan Stanley", "Goldman Sachs", "JPMorgan", "J.P. Morgan", "Bank of America", "BofA Securities", "BofA", "Citigroup", "Citi",
        "Wells Fargo", "Barclays", "UBS", "Credit Suisse", "Deutsche Bank", "Jefferies", "Piper Sandler", "Raymond James",
        "RBC Capital", "Evercore ISI", "Evercore", "Bernstein", "Wedbush", "Needham", "Oppenheimer", "KeyBanc", "Mizuho", "Truist",
        "Baird", "Stifel", "Cowen", "TD Cowen", "BMO Capital", "Cantor Fitzgerald", "Loop Capital", "Rosenblatt", "Benchmark",
        "Canaccord Genuity", "HSBC", "Nomura", "Macquarie", "Morningstar", "DA Davidson", "D.A. Davidson", "Wolfe Research",
        "Guggenheim", "Telsey", "Susquehanna", "Argus", "CFRA", "Berenberg", "Redburn", "Daiwa", "Roth Capital", "Roth MKM",
        "B. Riley", "Ladenburg Thalmann", "H.C. Wainwright", "JMP Securities", "Keefe Bruyette", "KBW", "Moffett", "BTIG",
        "Bernstein", "Exane", "Kepler", "Societe Generale", "BNP Paribas", "CLSA", "CICC", "Citizens JMP", "Northland",
        "Craig-Hallum", "Maxim Group", "Ascendiant", "Seaport", "Tigress", "Scotiabank", "CIBC", "TD Securities", "National Bank",
        "Desjardins", "Atlantic Equities", "Bank of America Securities", "Mizuho Securities", "Truist Securities",
    ]

    func extract(sentence: String, amounts: [Amount]) -> [Event.Attribute] {
        let lower = sentence.lowercased()
        var attributes: [Event.Attribute] = []
        if let firm = firm(in: sentence) { attributes.append(.init("firm", .text(firm))) }
        let (prior, current) = ratings(in: lower)
        if let action = companyAction(lower, hasRating: current != nil) { attributes.append(.init("action_company", .text(action))) }
        if let prior { attributes.append(.init("rating_prior", .text(prior))) }
        if let current { attributes.append(.init("rating_current", .text(current))) }
        let targets = priceTargets(lower, sentence: sentence, amounts: amounts)
        if let ptCurrent = targets.current {
            attributes.append(.init("action_pt", .text(ptAction(lower, prior: targets.prior, current: ptCurrent))))
            if let p = targets.prior { attributes.append(.init("pt_prior", .number(p))) }
            attributes.append(.init("pt_current", .number(ptCurrent)))
        }
        return attributes
    }

    /// "Upgrades", "Downgrades", "Initiates Coverage On", "Reiterates", "Maintains".
    func companyAction(_ s: String, hasRating: Bool) -> String? {
        if Self.hasWord(s, ["upgrades", "upgraded", "upgrade", "upgrading"]) { return "Upgrades" }
        if Self.hasWord(s, ["downgrades", "downgraded", "downgrade", "downgrading"]) { return "Downgrades" }
        if s.contains("coverage") && Self.hasWord(s, ["initiates", "initiated", "initiate", "initiating", "starts", "started", "begins", "began"]) {
            return "Initiates Coverage On"
        }
        if s.contains("coverage") && Self.hasWord(s, ["resumes", "resumed", "assumes", "assumed"]) { return "Assumes" }
        if Self.hasWord(s, ["reiterates", "reiterated", "reiterate", "reaffirms", "reaffirmed", "affirms", "affirmed"]) { return "Reiterates" }
        if hasRating || Self.hasWord(s, ["maintains", "maintained", "kept", "keeps"]) { return "Maintains" }
        return nil
    }

    /// The prior rating (after "from") and the current one (after "to", or the only one named).
    func ratings(in s: String) -> (prior: String?, current: String?) {
        var found: [(at: String.Index, name: String)] = []
        var taken: [Range<String.Index>] = []
        for (word, name) in Self.ratings {
            var from = s.startIndex
            while let r = s.range(of: word, range: from..<s.endIndex) {
                from = r.upperBound
                guard Self.isWordBoundary(s, r), !taken.contains(where: { $0.overlaps(r) }) else { continue }
                // "buy" and "sell" are ratings only as ratings: "a Buy rating", "to Buy", "from Sell", not "agreed to buy".
                if word == "buy" || word == "sell" || word == "hold" || word == "reduce" || word == "positive" || word == "negative"
                    || word == "neutral" || word == "mixed"
                {
                    let after = s[r.upperBound...].drop { $0 == " " || $0 == "-" }
                    let before = s[..<r.lowerBound].reversed().drop { $0 == " " }
                    let prevWord = String(before.prefix { $0.isLetter }.reversed())
                    let ratingAfter = after.hasPrefix("rating") || after.hasPrefix("recommendation") || after.hasPrefix("call")
                    let leadsIn = [
                        "to", "from", "at", "a", "an", "with", "its", "their", "maintains", "reiterates", "reiterated",
                        "maintained", "kept", "keeps",
                    ].contains(prevWord)
                    guard ratingAfter || (leadsIn && !after.hasPrefix("the") && !after.hasPrefix("shares") && !after.hasPrefix("back")) else {
                        continue
                    }
                    if prevWord == "to", word == "buy" || word == "sell", !ratingAfter,
                        let next = after.split(separator: " ").first, next.first?.isLetter == true, !next.hasPrefix("from")
                    {
                        continue  // "agreed to buy Acme", "plans to sell assets"
                    }
                }
                taken.append(r)
                found.append((r.lowerBound, name))
            }
        }
        found.sort { $0.at < $1.at }
        guard !found.isEmpty else { return (nil, nil) }
        var prior: String?
        var current: String?
        for f in found {
            let before = s[..<f.at].trimmingSuffix(" ")
            if before.hasSuffix(" from") && prior == nil { prior = f.name } else if current == nil || before.hasSuffix(" to") { current = f.name }
        }
        return (prior, current)
    }

    /// Price targets: the figures after "target"/"PT", read as "to X from Y", "from Y to X" or "of X".
    func priceTargets(_ s: String, sentence: String, amounts: [Amount]) -> (prior: Double?, current: Double?) {
        guard let cue = s.range(of: "price target") ?? s.range(of: " pt ") ?? s.range(of: "target") ?? s.range(of: "objective") else {
            return (nil, nil)
        }
        let cueAt = s.distance(from: s.startIndex, to: cue.lowerBound)
        let figures = amounts.filter { ($0.kind == .price || $0.kind == .money) && $0.start >= 0 }
        guard !figures.isEmpty else { return (nil, nil) }
        // Amounts carry article offsets; here they are placed by the order their text appears in the sentence.
        var located: [(offset: Int, amount: Amount)] = []
        var searchFrom = sentence.startIndex
        for a in figures {
            guard let r = sentence.range(of: a.text, range: searchFrom..<sentence.endIndex) else { continue }
            located.append((sentence.distance(from: sentence.startIndex, to: r.lowerBound), a))
            searchFrom = r.upperBound
        }
        // Figures that belong to the target: after the cue, or just before it ("a $300 price target").
        let after = located.filter { $0.offset > cueAt }
        let near = after.isEmpty ? located.filter { cueAt - $0.offset < 12 } : after
        guard let first = near.first else { return (nil, nil) }
        if near.count >= 2 {
            let second = near[1]
            let between = Self.slice(s, first.offset, second.offset)
            let beforeFirst = Self.slice(s, max(0, first.offset - 8), first.offset)
            if beforeFirst.contains("from") && between.contains(" to ") { return (first.amount.value, second.amount.value) }
            if between.contains("from") { return (second.amount.value, first.amount.value) }
        }
        return (nil, first.amount.value)
    }

    func ptAction(_ s: String, prior: Double?, current: Double) -> String {
        if let prior { return current > prior ? "Raises" : current < prior ? "Lowers" : "Maintains" }
        if Self.hasWord(
            s,
            [
                "raises", "raised", "raise", "raising", "increases", "increased", "increasing", "boosts", "boosted", "lifts", "lifted", "hikes",
                "hiked",
            ])
        {
            return "Raises"
        }
        if Self.hasWord(
            s, ["lowers", "lowered", "lower", "lowering", "cuts", "cut", "cutting", "reduces", "reduced", "trims", "trimmed", "slashes", "slashed"])
        {
            return "Lowers"
        }
        if Self.hasWord(s, ["maintains", "maintained", "reiterates", "reiterated", "keeps", "kept"]) { return "Maintains" }
        return "Announces"
    }

    /// A known broker, or the capitalised words that open the sentence before the action ("Morgan Stanley upgrades"),
    /// or those after "analysts at".
    func firm(in sentence: String) -> String? {
        var best: (Int, String)?
        for f in Self.firms {
            if let r = sentence.range(of: f), Self.isWordBoundary(sentence, r) {
                let at = sentence.distance(from: sentence.startIndex, to: r.lowerBound)
                if best == nil || at < best!.0 || (at == best!.0 && f.count > best!.1.count) { best = (at, f) }
            }
        }
        if let best { return best.1 }
        let opening = Self.capitalisedRun(sentence[...])
        if !opening.isEmpty {
            let rest = sentence.dropFirst(opening.count).drop { $0 == " " || $0 == "," }
            let next = rest.prefix { $0.isLetter }.lowercased()
            if Self.actionWords.contains(next) { return opening }
        }
        for lead in ["analysts at ", "analyst at ", "analysts from "] {
            if let r = sentence.range(of: lead) {
                let name = Self.capitalisedRun(sentence[r.upperBound...])
                if !name.isEmpty { return name }
            }
        }
        return nil
    }

    static let actionWords: Set<String> = [
        "upgrades", "upgraded", "downgrades", "downgraded", "initiates", "initiated", "maintains", "maintained", "reiterates",
        "reiterated", "raises", "raised", "lowers", "lowered", "cuts", "analyst", "analysts", "starts", "resumes", "assumes",
    ]

    static func capitalisedRun(_ s: Substring) -> String {
        var words: [String] = []
        for w in s.split(separator: " ") {
            let bare = w.trimmingPunctuationAndPossessive()
            guard let f = bare.first, f.isUppercase || bare == "&" else { break }
            words.append(bare)
            if w.hasSuffix(",") || w.hasSuffix("'s") || w.hasSuffix("’s") { break }
        }
        return words.joined(separator: " ")
    }

    static func hasWord(_ s: String, _ words: [String]) -> Bool {
        for w in words {
            var from = s.startIndex
            while let r = s.range(of: w, range: from..<s.endIndex) {
                if isWordBoundary(s, r) { return true }
                from = r.upperBound
            }
        }
        return false
    }

    static func isWordBoundary(_ s: String, _ r: Range<String.Index>) -> Bool {
        let before = r.lowerBound == s.startIndex || !s[s.index(before: r.lowerBound)].isLetter
        let after = r.upperBound == s.endIndex || !s[r.upperBound].isLetter
        return before && after
    }

    static func slice(_ s: String, _ from: Int, _ to: Int) -> Substring {
        let a = s.index(s.startIndex, offsetBy: min(from, s.count))
        let b = s.index(s.startIndex, offsetBy: min(max(to, from), s.count))
        return s[a..<b]
    }
}

extension StringProtocol {
    func trimmingSuffix(_ c: Character) -> SubSequence {
        var s = self[...]
        while s.last == c { s = s.dropLast() }
        return s
    }

    /// "Barclays," → "Barclays"; "Truist's" → "Truist".
    func trimmingPunctuationAndPossessive() -> String {
        var s = Substring(self)
        while let l = s.last, ",;:".contains(l) { s = s.dropLast() }
        if s.hasSuffix("'s") || s.hasSuffix("’s") { s = s.dropLast(2) }
        return String(s)
    }
}
