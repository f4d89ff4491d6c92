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

    /// Nil when the sentence states no percentage and no price, or no direction: a move needs a figure and a way. `figures` are the sentence's
    /// amounts with their byte offsets in `sentence`.
    func extract(sentence: [UInt8], figures: [RatingExtractor.Located]) -> [Event.Attribute]? {
        let percentAt = figures.first { $0.amount.kind == .percent }
        let percent = percentAt?.amount
        let price = figures.first { $0.amount.kind == .price }?.amount
        guard percent != nil || price != nil else { return nil }
        let words = Self.words(sentence)
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
            let sign = Self.sign(of: percent, at: percentAt!.offset, in: sentence)
            var change = abs(percent.value)
            if sign == "-" || (sign == nil && direction == "down") { change = -change }
            attributes.append(.init("change_percent", .number(change)))
            if direction == nil, sign != nil { direction = change < 0 ? "down" : "up" }
        }
        if let price { attributes.append(.init("price", .number(price.value))) }
        // A price with no move ("were trading at $150.61") is not price action.
        guard let direction else { return nil }
        attributes.append(.init("direction", .text(direction)))
        if let session = Self.sessions.first(where: { s in s.0.contains { words.contains($0) } }) {
            attributes.append(.init("session", .text(session.1)))
        }
        return attributes
    }

    /// The lower-case words of a sentence (letters and inner hyphens).
    static func words(_ s: [UInt8]) -> [String] {
        var out: [String] = []
        var i = 0
        while i < s.count {
            guard ByteClass.isLetter(s[i]) else {
                i += 1
                continue
            }
            let start = i
            while i < s.count, ByteClass.isLetter(s[i]) || (s[i] == UInt8(ascii: "-") && i + 1 < s.count && ByteClass.isLetter(s[i + 1])) {
                i += 1
            }
            out.append(String(decoding: ByteClass.lowercased(s[start..<i]), as: UTF8.self))
        }
        return out
    }

    /// The explicit sign of a figure: in its own text ("-1.4%" is read with its sign) or just before it.
    static func sign(of amount: Amount, at offset: Int, in s: [UInt8]) -> Character? {
        if amount.value < 0 { return "-" }
        if amount.text.hasPrefix("+") { return "+" }
        return explicitSign(before: offset, in: s)
    }

    /// "+2.1%" or "-1.4%": a plus, hyphen, minus sign or en dash straight before the figure at `at`; a hyphen glued to
    /// a word or number before it is a range or compound ("2-3%"), not a sign.
    static func explicitSign(before at: Int, in s: [UInt8]) -> Character? {
        guard at >= 1 else { return nil }
        if s[at - 1] == UInt8(ascii: "+") { return "+" }
        var signStart = at - 1
        if s[at - 1] == UInt8(ascii: "-") {
            signStart = at - 1
        } else if at >= 3, s[at - 3] == 0xE2, s[at - 2] == 0x88 || s[at - 2] == 0x80, s[at - 1] == 0x92 || s[at - 1] == 0x93 {
            signStart = at - 3  // − (U+2212) or – (U+2013)
        } else {
            return nil
        }
        if signStart >= 1, ByteClass.isWord(s[signStart - 1]) { return nil }
        return "-"
    }
}
