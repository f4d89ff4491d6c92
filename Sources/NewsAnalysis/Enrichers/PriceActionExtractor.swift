import NewsModel

/// Reads a stock move from one sentence: `change_percent` (signed), `price`, `direction` and `session`.
///
/// "Alibaba shares closed nearly 1.4% higher at $277.96 on Tuesday" gives 1.4, 277.96, up, close.
struct PriceActionExtractor: Sendable {
    static let upWords: Set<String> = [
        "up", "higher", "rose", "rise", "rises", "risen", "gained", "gains", "gain", "jumped", "jumps", "surged", "surges", "soared",
        "soars", "climbed", "climbs", "rallied", "rallies", "advanced", "advances", "added", "adds", "rebounded", "spiked",
    ]
    static let downWords: Set<String> = [
        "down", "lower", "fell", "falls", "fall", "fallen", "lost", "loses", "dropped", "drops", "declined", "declines", "slipped",
        "slips", "slid", "slides", "tumbled", "tumbles", "plunged", "plunges", "sank", "sinks", "shed", "sheds", "retreated", "dipped",
    ]
    /// Session words, most specific first.
    static let sessions: [([String], String)] = [
        (["premarket", "pre-market"], "pre-market"),
        (["after-hours", "afterhours", "postmarket", "post-market", "extended"], "after-hours"),
        (["closed", "close", "ended", "finished", "settled"], "close"),
        (["opened", "open"], "open"),
        (["intraday", "midday", "trading", "session", "traded"], "intraday"),
    ]

    /// Nil when the sentence states no percentage and no price: a move needs a figure.
    func extract(sentence: String, amounts: [Amount]) -> [Event.Attribute]? {
        let percent = amounts.first { $0.kind == .percent }
        let price = amounts.first { $0.kind == .price }
        guard percent != nil || price != nil else { return nil }
        let words = sentence.lowercased().split { !$0.isLetter && $0 != "-" }.map(String.init)
        let up = words.firstIndex { Self.upWords.contains($0) }
        let down = words.firstIndex { Self.downWords.contains($0) }
        var direction: String?
        switch (up, down) {
        case (let u?, let d?): direction = u < d ? "up" : "down"
        case (.some, nil): direction = "up"
        case (nil, .some): direction = "down"
        default: if words.contains("unchanged") || words.contains("flat") { direction = "flat" }
        }
        var attributes: [Event.Attribute] = []
        if let percent {
            var change = percent.value
            let sign = Self.explicitSign(of: percent, in: sentence)
            if let sign { change = sign == "+" ? change : -change } else if direction == "down" { change = -change }
            attributes.append(.init("change_percent", .number(change)))
            if direction == nil, sign != nil { direction = change < 0 ? "down" : "up" }
        }
        if let price { attributes.append(.init("price", .number(price.value))) }
        guard let direction else { return price == nil ? nil : attributes }
        attributes.append(.init("direction", .text(direction)))
        if let session = Self.sessions.first(where: { s in s.0.contains { words.contains($0) } }) {
            attributes.append(.init("session", .text(session.1)))
        }
        return attributes
    }

    /// "+2.1%" or "-1.4%" (a hyphen, minus sign or en dash straight before the figure).
    static func explicitSign(of amount: Amount, in sentence: String) -> Character? {
        guard let r = sentence.range(of: amount.text), r.lowerBound > sentence.startIndex else { return nil }
        let c = sentence[sentence.index(before: r.lowerBound)]
        if c == "+" { return "+" }
        if c == "-" || c == "−" || c == "–" {
            // A hyphen glued to a word before it is a range or compound ("2-3%", "year-1.4%"), not a sign.
            let at = sentence.index(before: r.lowerBound)
            if at > sentence.startIndex, sentence[sentence.index(before: at)].isLetter || sentence[sentence.index(before: at)].isNumber {
                return nil
            }
            return "-"
        }
        return nil
    }
}
