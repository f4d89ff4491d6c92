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
            let located = inSentence.sorted { $0.start < $1.start }.map {
                (
                    start: text.byteOffset(ofScalar: $0.start) - s.range.lowerBound, end: text.byteOffset(ofScalar: $0.end) - s.range.lowerBound,
                    amount: $0
                )
            }
            flags += moveMismatches(Array(text.bytes[s.range]), figures: located)
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

    typealias Figure = (start: Int, end: Int, amount: Amount)

    private func moveMismatches(_ s: [UInt8], figures: [Figure]) -> [Flag] {
        var flags: [Flag] = []
        let words = Self.words(s)
        for (k, figure) in figures.enumerated() where figure.amount.kind == .percent {
            let p = figure.amount
            let direction = nearestDirection(words, around: figure.start)
            let sign = PriceActionExtractor.explicitSign(before: figure.start, in: s)
            if let direction, let sign, direction.up != (sign == "+") {
                flags.append(
                    Flag(
                        type: .directionMismatch, detail: "says \(direction.word) but the change is \(sign)\(p.text)",
                        evidence: [direction.word, "\(sign)\(p.text)"]))
                continue
            }
            // "P% to B from A" / "P% from A to B", with nothing else between the figures.
            guard k + 2 < figures.count else { continue }
            let x = figures[k + 1]
            let y = figures[k + 2]
            guard x.amount.kind == .price || x.amount.kind == .money, y.amount.kind == x.amount.kind, x.amount.currency == y.amount.currency
            else { continue }
            let gap1 = Self.gapWords(s, figure.end, x.start)
            let gap2 = Self.gapWords(s, x.end, y.start)
            let (from, to): (Amount, Amount)
            if gap1 == ["to"] && gap2 == ["from"] {
                (from, to) = (y.amount, x.amount)
            } else if gap1 == ["from"] && gap2 == ["to"] {
                (from, to) = (x.amount, y.amount)
            } else {
                continue
            }
            guard from.value > Self.halfUnit(from) else { continue }
            let lo = (to.value - Self.halfUnit(to)) / (from.value + Self.halfUnit(from)) * 100 - 100
            let hi = (to.value + Self.halfUnit(to)) / (from.value - Self.halfUnit(from)) * 100 - 100
            if let direction, direction.up ? hi < 0 : lo > 0 {
                flags.append(
                    Flag(
                        type: .directionMismatch, detail: "says \(direction.word) but the price went from \(from.text) to \(to.text)",
                        evidence: [direction.word, from.text, to.text]))
                continue
            }
            // With a direction or sign the stated change is signed; without, compare sizes.
            let signed = direction != nil || sign != nil
            let stated = signed && (direction?.up == false || sign == "-") ? -p.value : p.value
            let low = signed ? lo : min(abs(lo), abs(hi))
            let high = signed ? hi : max(abs(lo), abs(hi))
            let tolerance = Self.halfUnit(p)
            if stated < low - tolerance || stated > high + tolerance {
                let computed = (to.value / from.value - 1) * 100
                flags.append(
                    Flag(
                        type: .changeMismatch, detail: "says \(p.text) but \(from.text) to \(to.text) is \(String(format2: computed))%",
                        evidence: [p.text, from.text, to.text]))
            }
        }
        return flags
    }

    /// The sentence's lower-case words with their byte offsets.
    static func words(_ s: [UInt8]) -> [(word: String, at: Int)] {
        var out: [(String, Int)] = []
        var i = 0
        while i < s.count {
            guard ByteClass.isLetter(s[i]) else {
                i += 1
                continue
            }
            let start = i
            while i < s.count, ByteClass.isLetter(s[i]) || s[i] == UInt8(ascii: "-") { i += 1 }
            out.append((String(decoding: ByteClass.lowercased(s[start..<i]), as: UTF8.self), start))
        }
        return out
    }

    /// The movement word nearest the figure at byte `at`, within six words either side.
    private func nearestDirection(_ words: [(word: String, at: Int)], around at: Int) -> (word: String, up: Bool)? {
        let figure = words.firstIndex { $0.at >= at } ?? words.count
        var best: (distance: Int, word: String, up: Bool)?
        for (k, w) in words.enumerated() {
            let up = PriceActionExtractor.upWords.contains(w.word)
            guard up || PriceActionExtractor.downWords.contains(w.word) else { continue }
            let d = k < figure ? figure - k : k - figure + 1
            if d <= 6, best == nil || d < best!.distance { best = (d, w.word, up) }
        }
        return best.map { ($0.word, $0.up) }
    }

    /// The words between two byte offsets, currency marks and articles dropped.
    static func gapWords(_ s: [UInt8], _ from: Int, _ to: Int) -> [String] {
        guard from >= 0, to <= s.count, from <= to else { return ["?"] }
        return words(Array(s[from..<to])).map(\.word).filter { !["us", "usd", "eur", "gbp", "a", "an"].contains($0) }
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
