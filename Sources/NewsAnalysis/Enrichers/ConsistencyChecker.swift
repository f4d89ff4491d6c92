import NewsModel

/// Flags figures in one article that contradict each other. Precision comes first: each check fires only on a tight
/// pattern, and allows for the rounding of the figures as written.
///
/// - `figure_mismatch`: the title's money figure and a body figure about the same thing (their sentences share a
///   content word) differ by a factor of a thousand or a million: "$440M" in the title, "$443 billion" in the body.
/// - `direction_mismatch`: a move's word contradicts its signed figure ("closed higher", −1.4%), or the prices it
///   gives ("rose 5% to $95 from $100").
/// - `change_mismatch`: "P% to B from A" (or "P% from A to B") where P is not the change from A to B.
struct ConsistencyChecker: Sendable {
    /// Words too common to show two sentences are about the same thing.
    static let commonStems: Set<String> = [
        "about", "after", "again", "which", "their", "there", "would", "could", "shoul", "billi", "milli", "thous", "share",
        "compa", "repor", "accor", "other", "these", "those", "while", "where", "being", "under", "since", "first", "years",
        "month", "today", "sourc", "peopl", "perce", "worth", "value", "total", "amoun", "inclu", "price", "stock", "marke",
    ]

    func check(text: ArticleText, tokens: TokenizedText, amounts: [Amount], entities: ArticleEntities) -> [Flag] {
        var flags: [Flag] = []
        flags += figureMismatches(text: text, tokens: tokens, amounts: amounts, entities: entities)
        for s in tokens.sentences {
            let start = text.scalarOffset(s.range.lowerBound)
            let end = text.scalarOffset(s.range.upperBound)
            let inSentence = amounts.filter { $0.start >= start && $0.end <= end }
            guard inSentence.contains(where: { $0.kind == .percent }) else { continue }
            let sentence = Array(text.text(s.range).unicodeScalars)
            flags += moveMismatches(sentence, offset: start, amounts: inSentence)
        }
        return flags
    }

    // MARK: Title against body

    private func figureMismatches(text: ArticleText, tokens: TokenizedText, amounts: [Amount], entities: ArticleEntities) -> [Flag] {
        let titleFigures = amounts.filter { $0.inTitle && $0.kind == .money && $0.value > 0 }
        guard !titleFigures.isEmpty else { return [] }
        let nameWords = Set(entities.entities.flatMap { $0.keyWords.map { Self.stem(String(decoding: $0, as: UTF8.self)) } })
        var flags: [Flag] = []
        var reported: Set<String> = []
        for t in titleFigures {
            guard let titleSentence = sentence(at: t.start, text: text, tokens: tokens) else { continue }
            let titleStems = stems(titleSentence, text: text, tokens: tokens).subtracting(nameWords)
            for b in amounts where !b.inTitle && b.kind == .money && b.currency == t.currency && b.value > 0 {
                let ratio = b.value / t.value
                guard let factor = [1e-6, 1e-3, 1e3, 1e6].first(where: { abs(ratio / $0 - 1) <= 0.025 }) else { continue }
                guard let bodySentence = sentence(at: b.start, text: text, tokens: tokens) else { continue }
                let shared = titleStems.intersection(stems(bodySentence, text: text, tokens: tokens))
                guard !shared.isEmpty, reported.insert(t.text).inserted else { continue }
                let scale = factor > 1 ? "\(Int(factor))× larger" : "\(Int(1 / factor))× smaller"
                flags.append(
                    Flag(
                        type: .figureMismatch, detail: "title says \(t.text), body says \(b.text) (\(scale))",
                        evidence: [t.text, b.text]))
            }
        }
        return flags
    }

    private func sentence(at scalar: Int, text: ArticleText, tokens: TokenizedText) -> TokenizedText.Sentence? {
        tokens.sentences.first { text.scalarOffset($0.range.lowerBound) <= scalar && scalar < text.scalarOffset($0.range.upperBound) }
    }

    /// The first five letters of each longer word, lower-cased: "invest" and "investing" share "inves".
    private func stems(_ s: TokenizedText.Sentence, text: ArticleText, tokens: TokenizedText) -> Set<String> {
        var out: Set<String> = []
        for t in tokens.tokens[s.tokenRange] where t.end - t.start >= 5 && !t.flags.contains(.number) && !t.flags.contains(.allCaps) {
            let stem = Self.stem(text.text(t.range))
            if !Self.commonStems.contains(stem) { out.insert(stem) }
        }
        return out
    }

    static func stem(_ word: String) -> String { String(word.lowercased().prefix(5)) }

    // MARK: A move against its own figures

    private func moveMismatches(_ s: [Unicode.Scalar], offset: Int, amounts: [Amount]) -> [Flag] {
        var flags: [Flag] = []
        let sorted = amounts.sorted { $0.start < $1.start }
        for (k, p) in sorted.enumerated() where p.kind == .percent {
            let at = p.start - offset
            guard at >= 0, at <= s.count else { continue }
            let direction = nearestDirection(s, around: at)
            let sign = explicitSign(s, before: at)
            if let direction, let sign, direction.up != (sign == "+") {
                flags.append(
                    Flag(
                        type: .directionMismatch, detail: "says \(direction.word) but the change is \(sign)\(p.text)",
                        evidence: [direction.word, "\(sign)\(p.text)"]))
                continue
            }
            // "P% to B from A" / "P% from A to B", with nothing else between the figures.
            guard k + 2 < sorted.count else { continue }
            let x = sorted[k + 1]
            let y = sorted[k + 2]
            guard x.kind == .price || x.kind == .money, y.kind == x.kind, x.currency == y.currency else { continue }
            let gap1 = Self.words(s, p.end - offset, x.start - offset)
            let gap2 = Self.words(s, x.end - offset, y.start - offset)
            let (from, to): (Amount, Amount)
            if gap1 == ["to"] && gap2 == ["from"] {
                (from, to) = (y, x)
            } else if gap1 == ["from"] && gap2 == ["to"] {
                (from, to) = (x, y)
            } else {
                continue
            }
            guard from.value > 0 else { continue }
            let lo = (to.value - Self.halfUnit(to)) / (from.value + Self.halfUnit(from)) * 100 - 100
            let hi = (to.value + Self.halfUnit(to)) / (from.value - Self.halfUnit(from)) * 100 - 100
            if let direction, direction.up ? hi < 0 : lo > 0 {
                flags.append(
                    Flag(
                        type: .directionMismatch, detail: "says \(direction.word) but the price went from \(from.text) to \(to.text)",
                        evidence: [direction.word, from.text, to.text]))
                continue
            }
            let stated = (direction?.up == false || sign == "-") ? -p.value : p.value
            let tolerance = Self.halfUnit(p)
            let computedLow = (direction == nil && sign == nil) ? min(abs(lo), abs(hi)) : lo
            let computedHigh = (direction == nil && sign == nil) ? max(abs(lo), abs(hi)) : hi
            let statedValue = (direction == nil && sign == nil) ? abs(stated) : stated
            if statedValue < computedLow - tolerance || statedValue > computedHigh + tolerance {
                let computed = (to.value / from.value - 1) * 100
                flags.append(
                    Flag(
                        type: .changeMismatch,
                        detail: "says \(p.text) but \(from.text) to \(to.text) is \(String(format2: computed))%",
                        evidence: [p.text, from.text, to.text]))
            }
        }
        return flags
    }

    static let upWords = PriceActionExtractor.upWords
    static let downWords = PriceActionExtractor.downWords

    /// The movement word nearest the figure, within six words either side.
    private func nearestDirection(_ s: [Unicode.Scalar], around at: Int) -> (word: String, up: Bool)? {
        var best: (distance: Int, word: String, up: Bool)?
        var words: [String] = []
        var figureWord: Int?
        var i = 0
        while i < s.count {
            if i >= at, figureWord == nil { figureWord = words.count }
            guard s[i].properties.isAlphabetic else {
                i += 1
                continue
            }
            var w = ""
            while i < s.count, s[i].properties.isAlphabetic || s[i] == "-" {
                w.unicodeScalars.append(s[i])
                i += 1
            }
            words.append(w.lowercased())
        }
        let figure = figureWord ?? words.count
        for (k, w) in words.enumerated() {
            let up = Self.upWords.contains(w)
            guard up || Self.downWords.contains(w) else { continue }
            let d = k < figure ? figure - k : k - figure + 1
            if d <= 6, best == nil || d < best!.distance { best = (d, w, up) }
        }
        return best.map { ($0.word, $0.up) }
    }

    private func explicitSign(_ s: [Unicode.Scalar], before at: Int) -> Character? {
        guard at >= 1 else { return nil }
        let c = s[at - 1]
        if c == "+" { return "+" }
        guard c == "-" || c == "\u{2212}" || c == "\u{2013}" else { return nil }
        if at >= 2, s[at - 2].properties.isAlphabetic || ("0"..."9").contains(s[at - 2]) { return nil }
        return "-"
    }

    /// The words between two scalar offsets of the sentence, lower-cased, currency marks and punctuation dropped.
    static func words(_ s: [Unicode.Scalar], _ from: Int, _ to: Int) -> [String] {
        guard from >= 0, to <= s.count, from <= to else { return ["?"] }
        var text = ""
        text.unicodeScalars.append(contentsOf: s[from..<to])
        return text.lowercased().split { !$0.isLetter }.map(String.init).filter { !["us", "usd", "eur", "gbp", "a", "an"].contains($0) }
    }

    /// Half the unit of the figure's last written digit, in its value's units: "$5.5 billion" is ±0.05 billion.
    static func halfUnit(_ a: Amount) -> Double {
        let digits = a.text.filter { $0.isNumber || $0 == "." }
        let decimals = digits.firstIndex(of: ".").map { digits.distance(from: $0, to: digits.endIndex) - 1 } ?? 0
        guard let written = Double(digits), written > 0 else { return 0 }
        let scale = a.value / written
        return 0.5 * scale * pow10(-decimals)
    }

    static func pow10(_ e: Int) -> Double {
        var v = 1.0
        for _ in 0..<abs(e) { v *= 10 }
        return e < 0 ? 1 / v : v
    }
}

extension String {
    /// A number with two decimals, without Foundation's formatter.
    init(format2 v: Double) {
        let scaled = (abs(v) * 100).rounded()
        let whole = Int(scaled) / 100
        let frac = Int(scaled) % 100
        self = (v < 0 ? "-" : "") + "\(whole)." + (frac < 10 ? "0" : "") + "\(frac)"
    }
}
