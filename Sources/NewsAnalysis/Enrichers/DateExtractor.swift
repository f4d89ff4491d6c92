import Foundation
import NewsModel

/// Finds dates and resolves relative ones against the article's published time:
/// "Tuesday" → the latest Tuesday on or before publication, "in April" → that April, "this month" → the month.
///
/// Works on byte ranges; a String is made only for a word that is a date.
public struct DateExtractor: Sendable {
    public init() {}

    static let weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"].map { Array($0.utf8) }
    static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ].map { Array($0.utf8) }
    /// Abbreviations written with or without a dot ("Sept. 15", "Oct 10"); "Mar" and "May" are words too often.
    static let monthAbbreviations: [([UInt8], Int)] = [
        ("jan", 1), ("feb", 2), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9), ("sept", 9), ("oct", 10), ("nov", 11), ("dec", 12),
    ].map { (Array($0.0.utf8), $0.1) }
    static let today = Array("today".utf8), yesterday = Array("yesterday".utf8), this = Array("this".utf8), last = Array("last".utf8)
    static let month = Array("month".utf8)
    static let relativeInitials: [Bool] = (0..<256).map { "tyl".utf8.contains(UInt8($0)) }

    static let nameInitials: [Bool] = (0..<256).map { "JFMASONDTW".utf8.contains(UInt8($0)) }

    /// Per first byte of a word, the lengths (as bits) a date word starting with it can have: month and weekday names
    /// (3 to 9 letters, capitalised), "today", "yesterday", "this", "last" and "month" (4, 5 or 9). One load per word.
    static let dateWordLengths: [UInt16] = (0..<256).map { f in
        var lengths: UInt16 = 0
        if nameInitials[f] { lengths |= 0b11_1111_1000 }
        if relativeInitials[f | 0x20] || f == Int(UInt8(ascii: "m")) { lengths |= 1 << 4 | 1 << 5 | 1 << 9 }
        return lengths
    }

    /// Words after which "May" is the month.
    static let mayLeads: Set<String> = ["in", "since", "by", "early", "late", "mid", "until", "through", "from", "of"]

    public func extract(from text: ArticleText, published: Date?) -> [DateMention] {
        extract(from: text, tokens: TokenizedText(text), published: published)
    }

    /// With the text's tokens found already (the analyzer shares them between enrichers).
    public func extract(from text: ArticleText, tokens: TokenizedText, published: Date?) -> [DateMention] {
        let b = text.bytes
        var out: [DateMention] = []
        let pub = published.map { DateParsing.civil($0) }
        // Only words that can be part of a date are kept: capitalised month and weekday names, numbers, and
        // today/yesterday/this/last/month. Adjacency is checked by distance. A number token with hyphens
        // ("2019-07-04") is taken apart into its numbers.
        var words: [Range<Int>] = []
        let dateWordLengths = Self.dateWordLengths  // hoisted: a static read in the loop costs a lazy-init check
        for t in tokens.tokens {
            let f = b[Int(t.start)]
            let length = Int(t.end - t.start)
            if t.flags.contains(.number) {
                var from = Int(t.start)
                for k in Int(t.start)..<Int(t.end) where b[k] == UInt8(ascii: "-") {
                    words.append(from..<k)
                    from = k + 1
                }
                words.append(from..<Int(t.end))
            } else if length < 16, dateWordLengths[Int(f)] >> length & 1 != 0 {
                words.append(t.range)
            }
        }
        func equalsLower(_ r: Range<Int>, _ w: [UInt8]) -> Bool {
            guard r.count == w.count else { return false }
            var k = 0
            for x in r {
                if b[x] | 0x20 != w[k] { return false }
                k += 1
            }
            return true
        }
        func number(_ r: Range<Int>) -> Int? {
            guard r.count <= 4, b[r].allSatisfy(ByteClass.isDigit) else { return nil }
            return b[r].reduce(0) { $0 * 10 + Int($1 - 48) }
        }
        var w = 0
        while w < words.count {
            let r = words[w]
            let first = b[r.lowerBound]
            // Month and weekday names start with one of these letters.
            if ByteClass.isUpper(first), Self.nameInitials[Int(first)] {
                let named = Self.named(Self.prefixKey(b, r))
                if let wd = named?.weekday, equalsLower(r, Self.weekdays[wd]) {
                    var date: String? = nil
                    if let pd = published, let weekday = weekdayIndex(pd) {
                        // News reports the past: the latest such weekday on or before publication.
                        let back = (weekday - wd + 7) % 7
                        date = DateParsing.dayString(pd.addingTimeInterval(-Double(back) * 86_400))
                    }
                    out.append(mention(text, r, date))
                    w += 1
                    continue
                }
                if let m = named.flatMap({ monthIndex(r, candidate: $0, equalsLower) }) {
                    let isMay = m == 5
                    let prev = isMay ? wordBefore(b, r.lowerBound) : ""
                    let next = w + 1 < words.count && words[w + 1].lowerBound - r.upperBound <= 2 ? number(words[w + 1]) : nil
                    if !isMay || Self.mayLeads.contains(prev) || next != nil {
                        // "September 15, 2020", "Sept. 15", "June 2019", "in April"
                        var end = r.upperBound
                        var day: Int? = nil
                        var year: Int? = nil
                        var k = w + 1
                        if k < words.count, let d = number(words[k]), (1...31).contains(d), words[k].count <= 2, words[k].lowerBound - end <= 2 {
                            day = d
                            end = words[k].upperBound
                            k += 1
                        }
                        if k < words.count, let y = number(words[k]), (1900...2100).contains(y), words[k].lowerBound - end <= 2 {
                            year = y
                            end = words[k].upperBound
                            k += 1
                        }
                        let y = year ?? pub.map { m <= $0.month ? $0.year : $0.year - 1 }
                        var date: String? = nil
                        if let y {
                            date = day.map { DateParsing.dayString(year: y, month: m, day: $0) } ?? DateParsing.monthString(year: y, month: m)
                        }
                        out.append(mention(text, r.lowerBound..<end, date))
                        w = k
                        continue
                    }
                }
            }
            // Relative words: only words of their lengths starting with t, y or l are compared.
            if let pd = published, let p = pub, r.count == 4 || r.count == 5 || r.count == 9, Self.relativeInitials[Int(first | 0x20)] {
                if equalsLower(r, Self.today) {
                    out.append(mention(text, r, DateParsing.dayString(pd)))
                } else if equalsLower(r, Self.yesterday) {
                    out.append(mention(text, r, DateParsing.dayString(pd.addingTimeInterval(-86_400))))
                } else if r.count == 4, equalsLower(r, Self.this) || equalsLower(r, Self.last), w + 1 < words.count,
                    words[w + 1].lowerBound == r.upperBound + 1, equalsLower(words[w + 1], Self.month)
                {
                    var month = p.month
                    var year = p.year
                    if b[r.lowerBound] | 0x20 == UInt8(ascii: "l") {
                        month -= 1
                        if month == 0 {
                            month = 12
                            year -= 1
                        }
                    }
                    out.append(mention(text, r.lowerBound..<words[w + 1].upperBound, DateParsing.monthString(year: year, month: month)))
                    w += 2
                    continue
                }
            }
            // ISO dates: "2019-07-04" arrives as three words.
            if r.count == 4, ByteClass.isDigit(first), w + 2 < words.count, words[w + 2].upperBound - r.lowerBound == 10,
                words[w + 1].lowerBound == r.upperBound + 1,
                let d = DateParsing.day(text.text(r.lowerBound..<words[w + 2].upperBound))
            {
                out.append(mention(text, r.lowerBound..<words[w + 2].upperBound, DateParsing.dayString(d)))
                w += 3
                continue
            }
            w += 1
        }
        return out
    }

    /// The lower-case word just before `at` (for "in May"), made only when needed.
    private func wordBefore(_ b: [UInt8], _ at: Int) -> String {
        var e = at
        while e > 0, !ByteClass.isWord(b[e - 1]) { e -= 1 }
        var s = e
        while s > 0, ByteClass.isWord(b[s - 1]) { s -= 1 }
        return AliasGenerator.lowerASCII(String(decoding: b[s..<e], as: UTF8.self))
    }

    /// The month a word names: in full ("September") or abbreviated ("Sept", "Oct").
    private func monthIndex(_ r: Range<Int>, candidate: Named, _ equalsLower: (Range<Int>, [UInt8]) -> Bool) -> Int? {
        guard let m = candidate.month else { return nil }
        if equalsLower(r, Self.months[m - 1]) { return m }
        if r.count == 3 || r.count == 4, Self.monthAbbreviations.contains(where: { $0.1 == m && equalsLower(r, $0.0) }) { return m }
        return nil
    }

    /// What a word's first three letters can begin: a month, a weekday, or both ("Mar" and "Mon" differ; "Jun"/"Jul" differ).
    struct Named {
        var month: Int?
        var weekday: Int?
    }

    /// Month and weekday names by their first three letters, lower case: nineteen keys, scanned in a few
    /// nanoseconds (a Dictionary would hash every capitalised word).
    static let namedByPrefix: [(key: UInt32, named: Named)] = {
        var table: [(key: UInt32, named: Named)] = []
        func entry(_ key: UInt32) -> Int {
            if let k = table.firstIndex(where: { $0.key == key }) { return k }
            table.append((key, Named()))
            return table.count - 1
        }
        for (i, m) in months.enumerated() { table[entry(pack(m))].named.month = i + 1 }
        for (i, d) in weekdays.enumerated() { table[entry(pack(d))].named.weekday = i }
        return table
    }()

    static func named(_ key: UInt32) -> Named? {
        for e in namedByPrefix where e.key == key { return e.named }
        return nil
    }

    private static func pack(_ w: [UInt8]) -> UInt32 { UInt32(w[0]) << 16 | UInt32(w[1]) << 8 | UInt32(w[2]) }

    @inline(__always)
    static func prefixKey(_ b: [UInt8], _ r: Range<Int>) -> UInt32 {
        guard r.count >= 3 else { return 0 }
        let s = r.lowerBound
        return UInt32(b[s] | 0x20) << 16 | UInt32(b[s + 1] | 0x20) << 8 | UInt32(b[s + 2] | 0x20)
    }

    /// 0 for Sunday … 6 for Saturday, in UTC.
    private func weekdayIndex(_ d: Date) -> Int? {
        let days = Int(floor(d.timeIntervalSince1970 / 86_400))
        return ((days % 7) + 7 + 4) % 7  // 1970-01-01 was a Thursday
    }

    private func mention(_ text: ArticleText, _ r: Range<Int>, _ date: String?) -> DateMention {
        DateMention(text: text.text(r), date: date, start: text.scalarOffset(r.lowerBound), end: text.scalarOffset(r.upperBound))
    }
}
