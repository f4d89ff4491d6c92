import NewsModel

/// Finds money, percentages, per-share prices, share counts and plain counts, with normalised values:
/// "$440M" is 440,000,000 USD, "EUR 21.1 mn" 21,100,000 EUR, "1.4%" 1.4, "closed at $277.96" a price.
public struct AmountExtractor: Sendable {
    public init() {}

    /// Currency marks written before the number, longest first so "US$" wins over "$".
    static let prefixes: [(String, String)] = [
        ("US$", "USD"), ("USD", "USD"), ("HK$", "HKD"), ("HKD", "HKD"), ("C$", "CAD"), ("CA$", "CAD"), ("CAD", "CAD"), ("A$", "AUD"),
        ("AU$", "AUD"), ("AUD", "AUD"), ("S$", "SGD"), ("NZ$", "NZD"), ("R$", "BRL"), ("$", "USD"), ("€", "EUR"), ("EUR", "EUR"),
        ("£", "GBP"), ("GBP", "GBP"), ("¥", "JPY"), ("JPY", "JPY"), ("RMB", "CNY"), ("CNY", "CNY"), ("Rs.", "INR"), ("Rs", "INR"),
        ("INR", "INR"), ("₹", "INR"), ("CHF", "CHF"), ("SEK", "SEK"), ("NOK", "NOK"), ("DKK", "DKK"), ("KRW", "KRW"), ("₩", "KRW"),
        ("ZAR", "ZAR"),
    ]
    /// Currency words written after the number.
    static let suffixes: [String: String] = [
        "yuan": "CNY", "renminbi": "CNY", "euros": "EUR", "euro": "EUR", "dollars": "USD", "pounds": "GBP", "yen": "JPY",
        "rupees": "INR", "rupee": "INR", "won": "KRW", "francs": "CHF", "rand": "ZAR", "crowns": "SEK", "crore": "INR",
    ]
    static let scales: [(String, Double)] = [
        ("trillion", 1e12), ("billion", 1e9), ("million", 1e6), ("thousand", 1e3), ("crore", 1e7), ("lakh", 1e5), ("tn", 1e12),
        ("bn", 1e9), ("mn", 1e6), ("mln", 1e6), ("bln", 1e9), ("T", 1e12), ("B", 1e9), ("M", 1e6), ("K", 1e3), ("k", 1e3), ("m", 1e6),
        ("b", 1e9),
    ]
    /// Words before a money figure that make it a per-share price.
    static let prefixBytes: [([UInt8], String)] = prefixes.map { (Array($0.0.utf8), $0.1) }
    static let scaleBytes: [([UInt8], Double)] = scales.map { (Array($0.0.utf8), $0.1) }

    static let priceLeads: Set<String> = ["at", "to", "from", "of", "near", "around", "above", "below", "hit", "reached", "closed"]
    static let priceContext = ["share", "shares", "stock", "closed", "traded", "trading", "price target", "opened", "per share", "a share"]
    static let priceContextBytes = priceContext.map { Array($0.utf8) }

    static let nonCountWords: Set<String> = [
        "is", "was", "has", "us", "as", "this", "its", "his", "yes", "less", "plus", "minus", "percent", "pct", "basis", "points",
    ]

    public func extract(from text: ArticleText) -> [Amount] {
        extract(from: text, tokens: TokenizedText(text))
    }

    /// Where a word's figure starts: its first byte if a digit, or the digit after a non-ASCII sign ("€", "£", "¥").
    @inline(__always)
    static func firstDigit(of t: TokenizedText.Token, in b: [UInt8]) -> Int? {
        if t.flags.contains(.number) { return Int(t.start) }
        guard b[Int(t.start)] >= 0xC0 else { return nil }
        var k = Int(t.start)
        while k < Int(t.end), b[k] >= 0x80 { k += 1 }
        return k < Int(t.end) && ByteClass.isDigit(b[k]) ? k : nil
    }

    /// With the text's tokens found already: only words that start with a digit are read.
    public func extract(from text: ArticleText, tokens: TokenizedText) -> [Amount] {
        let b = text.bytes
        let n = b.count
        var out: [Amount] = []
        var i = 0
        var next = 0
        let words = tokens.tokens
        while i < n {
            // A number starts a word, at a digit not glued to a word ("COVID-19", "F150", "Q3").
            // (A currency sign outside ASCII is glued to its figure as one word: "€2.42", "£46bn".)
            while next < words.count && (Int(words[next].start) < i || Self.firstDigit(of: words[next], in: b) == nil) { next += 1 }
            guard next < words.count, let digit = Self.firstDigit(of: words[next], in: b) else { break }
            i = digit
            if i > 0,
                ByteClass.isUpper(b[i - 1]) || ByteClass.isLower(b[i - 1]) || ByteClass.isDigit(b[i - 1]) || b[i - 1] == UInt8(ascii: ".")
                    || b[i - 1] == UInt8(ascii: ",")
            {
                // Part of a word or code ("F150", "Q3", "3M"): skip the whole run.
                while i < n, ByteClass.isWord(b[i]) { i += 1 }
                continue
            }
            if i >= 2, b[i - 1] == UInt8(ascii: "-"), ByteClass.isLetter(b[i - 2]) {
                i += 1
                continue
            }
            // The number: digits with thousands commas and one decimal point, read as an integer and a scale so
            // that 277.96 is exactly 27796 / 100.
            var j = i
            var mantissa: UInt64 = 0
            var fractionDigits = -1  // -1 before the decimal point
            var digitCount = 0
            while j < n {
                let c = b[j]
                if ByteClass.isDigit(c) {
                    if digitCount < 18 {
                        mantissa = mantissa * 10 + UInt64(c - 48)
                        if fractionDigits >= 0 { fractionDigits += 1 }
                    } else if fractionDigits < 0 {
                        mantissa = mantissa &* 10  // beyond 18 digits: keep the magnitude
                    }
                    digitCount += 1
                    j += 1
                } else if c == UInt8(ascii: ","), fractionDigits < 0, j + 3 < n, ByteClass.isDigit(b[j + 1]), ByteClass.isDigit(b[j + 2]),
                    ByteClass.isDigit(b[j + 3]), j + 4 >= n || !ByteClass.isDigit(b[j + 4])
                {
                    j += 1
                } else if c == UInt8(ascii: "."), fractionDigits < 0, j + 1 < n, ByteClass.isDigit(b[j + 1]) {
                    fractionDigits = 0
                    j += 1
                } else {
                    break
                }
            }
            var value = Double(mantissa) / Self.powersOfTen[max(0, min(fractionDigits, 18))]
            let integerDigits = digitCount - max(0, fractionDigits)
            var start = i
            var end = j
            var currency: String? = nil
            // Currency before: "$", "US$", "EUR ", "Rs. "
            var p = i
            if p > 0, b[p - 1] == 32 { p -= 1 }
            for (m, code) in Self.prefixBytes {
                guard p >= m.count, b[(p - m.count)..<p].elementsEqual(m) else { continue }
                let wordMark = m.count >= 2 && ByteClass.isUpper(m[0]) && ByteClass.isLetter(m[1])  // "EUR", "Rs"
                if p != i && !wordMark { continue }  // "$ 5" is rare; "EUR 21" is not
                let before = p - m.count
                if before > 0, ByteClass.isLetter(b[before - 1]), m.last != UInt8(ascii: "$") { continue }
                currency = code
                start = before
                break
            }
            // Negative figures: "-1.4%", "−1.4%"
            var negative = false
            if start >= 1, b[start - 1] == UInt8(ascii: "-"), start < 2 || b[start - 2] == 32 { negative = true; start -= 1 }
            if start >= 3, b[start - 3] == 0xE2, b[start - 2] == 0x88, b[start - 1] == 0x92 { negative = true; start -= 3 }
            // Scale after: "M", " million", " bn"
            var k = end
            var scaled = false
            let gap = k < n && b[k] == 32 ? 1 : 0
            for (w, mult) in Self.scaleBytes {
                let at = k + (w.count <= 1 ? 0 : gap)
                // "$440M" but never "5m" or "3B" on their own: single letters scale money only.
                if w.count <= 1, gap == 1 || currency == nil { continue }
                // Words match in any case ("$394 Million" in a headline); single letters only as written.
                guard at + w.count <= n,
                    w.count <= 1 ? b[at..<(at + w.count)].elementsEqual(w) : b[at..<(at + w.count)].elementsEqual(w, by: { $0 | 0x20 == $1 })
                else { continue }
                if at + w.count < n, ByteClass.isLetter(b[at + w.count]) { continue }
                value *= mult
                k = at + w.count
                scaled = true
                break
            }
            if scaled { end = k }
            // Percent: "%", " percent", " per cent", " pct"
            var kind: Amount.Kind? = nil
            if end < n, b[end] == UInt8(ascii: "%") {
                kind = .percent
                end += 1
            } else if let w = word(after: end, in: b), ["percent", "pct"].contains(w.text.lowercased()) {
                kind = .percent
                end = w.end
            } else if let w = word(after: end, in: b), w.text == "per", let w2 = word(after: w.end, in: b), w2.text == "cent" {
                kind = .percent
                end = w2.end
            }
            if kind == nil, currency == nil, let w = word(after: end, in: b), let code = Self.suffixes[w.text.lowercased()] {
                currency = code
                end = w.end
            }
            if kind == nil, currency != nil {
                kind = !scaled && isPrice(text, start: start, end: end) ? .price : .money
            }
            if kind == nil, let w = word(after: end, in: b) {
                let lw = w.text.lowercased()
                if lw == "shares" || lw == "share" && scaled {
                    kind = .shares
                } else if isCountNoun(w.text), !(integerDigits == 4 && fractionDigits < 0 && !scaled && (1900...2100).contains(value)) {
                    kind = .count
                }
            }
            if let kind {
                if negative { value = -value }
                out.append(
                    Amount(
                        text: text.text(start..<end), kind: kind, value: value, currency: kind == .money || kind == .price ? currency : nil,
                        inTitle: start < text.titleEnd, start: text.scalarOffset(start), end: text.scalarOffset(end)))
            }
            i = max(end, j)
        }
        return out
    }

    private func word(after at: Int, in b: [UInt8]) -> (text: String, end: Int)? {
        guard at < b.count, b[at] == 32 else { return nil }
        var s = at + 1
        if s < b.count, b[s] == 32 { s += 1 }
        var e = s
        while e < b.count, ByteClass.isLetter(b[e]) { e += 1 }
        return e > s ? (String(decoding: b[s..<e], as: UTF8.self), e) : nil
    }

    /// A plain count is followed by a plural noun: "1,500 cameras", "300 employees".
    private func isCountNoun(_ w: String) -> Bool {
        guard let f = w.utf8.first, ByteClass.isLower(f), w.count >= 3 else { return false }
        let l = w.lowercased()
        if Self.nonCountWords.contains(l) || Self.suffixes[l] != nil { return false }
        return l.hasSuffix("s") && !l.hasSuffix("ss") || ["people", "staff", "children", "women", "men"].contains(l)
    }

    /// 10^0 … 10^18, all exact in a Double.
    static let powersOfTen: [Double] = (0...18).map { k in (0..<k).reduce(1.0) { p, _ in p * 10 } }

    /// "$277.96" is a per-share price after "at"/"to"/"from" or in a sentence about shares; "$10 million" never is.
    private func isPrice(_ text: ArticleText, start: Int, end: Int) -> Bool {
        let b = text.bytes
        if let w = word(after: end, in: b), w.text == "per" || w.text == "a", let w2 = word(after: w.end, in: b), w2.text == "share" {
            return true
        }
        var e = start
        while e > 0, b[e - 1] == 32 { e -= 1 }
        var s = e
        while s > 0, ByteClass.isLetter(b[s - 1]) { s -= 1 }
        guard e - s <= 8, Self.priceLeads.contains(text.text(s..<e).lowercased()) else { return false }
        let sentence = text.sentence(containing: start)
        return Self.priceContextBytes.contains { ByteClass.containsLowercased(b, sentence, $0) }
    }
}
