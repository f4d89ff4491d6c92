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

    func check(text: ArticleText, tokens: TokenizedText, amounts: [Amount], entities: ArticleEntities, lexicon: Lexicon) -> [Flag] {
        var flags: [Flag] = []
        flags += figureMismatches(text: text, tokens: tokens, amounts: amounts, entities: entities)
        guard amounts.contains(where: { $0.kind == .percent }) else { return flags }
        // Figures by sentence (amounts come in text order); only sentences with a percentage are checked.
        var bySentence: [(sentence: Int, figures: [Figure])] = []
        for a in amounts where a.kind != .count && a.kind != .shares {
            let start = text.byteOffset(ofScalar: a.start)
            guard let k = tokens.sentenceIndex(containingByte: start) else { continue }
            let figure = (start: start, end: text.byteOffset(ofScalar: a.end), amount: a)
            if bySentence.last?.sentence == k { bySentence[bySentence.count - 1].figures.append(figure) } else { bySentence.append((k, [figure])) }
        }
        for group in bySentence where group.figures.contains(where: { $0.amount.kind == .percent }) {
            let s = tokens.sentences[group.sentence]
            flags += moveMismatches(text: text, tokens: tokens.tokens[s.tokenRange], figures: group.figures, lexicon: lexicon)
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
        tokens.sentenceIndex(containingByte: text.byteOffset(ofScalar: scalar)).map { tokens.sentences[$0] }
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

    /// A figure with its byte range in the text.
    typealias Figure = (start: Int, end: Int, amount: Amount)

    private func moveMismatches(text: ArticleText, tokens: ArraySlice<TokenizedText.Token>, figures: [Figure], lexicon: Lexicon) -> [Flag] {
        var flags: [Flag] = []
        for (k, figure) in figures.enumerated() where figure.amount.kind == .percent {
            let p = figure.amount
            let direction = nearestDirection(text: text, tokens: tokens, around: figure.start, lexicon: lexicon)
            let sign = PriceActionExtractor.sign(of: p, at: figure.start, in: text.bytes)
            if let direction, let sign, direction.up != (sign == "+") {
                let written = p.text.first == "-" || p.text.first == "+" ? p.text : "\(sign)\(p.text)"
                flags.append(
                    Flag(
                        type: .directionMismatch, detail: "says \(direction.word) but the change is \(written)",
                        evidence: [direction.word, written]))
                continue
            }
            // "P% to B from A" / "P% from A to B", with nothing else between the figures.
            guard k + 2 < figures.count else { continue }
            let x = figures[k + 1]
            let y = figures[k + 2]
            guard x.amount.kind == .price || x.amount.kind == .money, y.amount.kind == x.amount.kind, x.amount.currency == y.amount.currency
            else { continue }
            let gap1 = onlyWord(tokens, figure.end, x.start)
            let gap2 = onlyWord(tokens, x.end, y.start)
            let (from, to): (Amount, Amount)
            if gap1 == lexicon.toWord && gap2 == lexicon.fromWord {
                (from, to) = (y.amount, x.amount)
            } else if gap1 == lexicon.fromWord && gap2 == lexicon.toWord {
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
            let stated = signed && (direction?.up == false || sign == "-") ? -abs(p.value) : abs(p.value)
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

    /// The price-movement word nearest the figure at byte `at`, within six words either side.
    private func nearestDirection(text: ArticleText, tokens: ArraySlice<TokenizedText.Token>, around at: Int, lexicon: Lexicon) -> (
        word: String, up: Bool
    )? {
        let figure = tokens.firstIndex { Int($0.start) >= at } ?? tokens.endIndex
        var best: (distance: Int, token: Int, up: Bool)?
        for k in max(tokens.startIndex, figure - 6)..<min(tokens.endIndex, figure + 7) {
            let role = lexicon.role(tokens[k].word)
            guard role.contains(.priceUp) || role.contains(.priceDown) else { continue }
            let d = k < figure ? figure - k : k - figure + 1
            if best == nil || d < best!.distance { best = (d, k, role.contains(.priceUp)) }
        }
        return best.map { (String(decoding: ByteClass.lowercased(text.bytes[tokens[$0.token].range]), as: UTF8.self), $0.up) }
    }

    /// The word id of the one word between two byte offsets (currency codes aside), or nil.
    private func onlyWord(_ tokens: ArraySlice<TokenizedText.Token>, _ from: Int, _ to: Int) -> Int32? {
        var found: Int32?
        for t in tokens where Int(t.start) >= from && Int(t.end) <= to {
            if t.flags.contains(.allCaps) && t.end - t.start == 3 { continue }  // "USD", "EUR"
            if found != nil { return nil }
            found = t.word
        }
        return found
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
