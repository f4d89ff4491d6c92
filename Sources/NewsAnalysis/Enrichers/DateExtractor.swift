import Foundation
import NewsModel

/// Finds dates and resolves relative ones against the article's published time:
/// "Tuesday" → the latest Tuesday on or before publication, "in April" → that April, "this month" → the month.
public struct DateExtractor: Sendable {
    public init() {}

    static let weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
    static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ]
    static let monthAbbreviations = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    public func extract(from text: ArticleText, published: Date?) -> [DateMention] {
        let b = text.bytes
        var out: [DateMention] = []
        let cal = DateParsing.utcCalendar
        let pub = published.map { cal.dateComponents([.year, .month, .day, .weekday], from: $0) }
        var i = 0
        var words: [(String, Range<Int>)] = []
        while i < b.count {
            guard ByteClass.isLetter(b[i]) || ByteClass.isDigit(b[i]) else {
                i += 1
                continue
            }
            var j = i
            while j < b.count, ByteClass.isLetter(b[j]) || ByteClass.isDigit(b[j]) { j += 1 }
            words.append((text.text(i..<j), i..<j))
            i = j
        }
        var w = 0
        while w < words.count {
            let (word, range) = words[w]
            let lower = word.lowercased()
            let next = w + 1 < words.count ? words[w + 1] : nil
            let prev = w > 0 ? words[w - 1].0.lowercased() : ""
            if let wd = Self.weekdays.firstIndex(of: lower), word.first!.isUppercase {
                var date: String? = nil
                if let pub, let pd = published {
                    // News reports the past: the latest such weekday on or before publication.
                    let back = ((pub.weekday! - 1) - wd + 7) % 7
                    date = DateParsing.dayString(pd.addingTimeInterval(-Double(back) * 86_400))
                }
                out.append(mention(text, range, date))
            } else if let m = monthIndex(word), word.first!.isUppercase, !(lower == "may" && !isMonthContext(prev, next?.0)) {
                // "September 15, 2020", "Sept. 15", "June 2019", "in April"
                var end = range.upperBound
                var day: Int? = nil
                var year: Int? = nil
                var k = w + 1
                if k < words.count, let d = Int(words[k].0), (1...31).contains(d), words[k].1.lowerBound - end <= 2 {
                    day = d
                    end = words[k].1.upperBound
                    k += 1
                }
                if k < words.count, let y = Int(words[k].0), (1900...2100).contains(y), words[k].1.lowerBound - end <= 2 {
                    year = y
                    end = words[k].1.upperBound
                    k += 1
                }
                let y = year ?? pub.map { p in m <= p.month! ? p.year! : p.year! - 1 }
                var date: String? = nil
                if let y {
                    date = day.map { String(format: "%04d-%02d-%02d", y, m, $0) } ?? String(format: "%04d-%02d", y, m)
                }
                out.append(mention(text, range.lowerBound..<end, date))
                w = k
                continue
            } else if let pub, let pd = published {
                if lower == "today" {
                    out.append(mention(text, range, DateParsing.dayString(pd)))
                } else if lower == "yesterday" {
                    out.append(mention(text, range, DateParsing.dayString(pd.addingTimeInterval(-86_400))))
                } else if (lower == "this" || lower == "last"), let next, next.0.lowercased() == "month" {
                    var month = pub.month!
                    var year = pub.year!
                    if lower == "last" {
                        month -= 1
                        if month == 0 { month = 12; year -= 1 }
                    }
                    out.append(mention(text, range.lowerBound..<next.1.upperBound, String(format: "%04d-%02d", year, month)))
                    w += 2
                    continue
                }
            }
            // ISO dates: "2019-07-04" arrives as three words.
            if word.count == 4, let _ = Int(word), w + 2 < words.count, words[w + 2].1.upperBound - range.lowerBound == 10 {
                let full = text.text(range.lowerBound..<words[w + 2].1.upperBound)
                if let d = DateParsing.day(full) {
                    out.append(mention(text, range.lowerBound..<words[w + 2].1.upperBound, DateParsing.dayString(d)))
                    w += 3
                    continue
                }
            }
            w += 1
        }
        return out
    }

    private func monthIndex(_ word: String) -> Int? {
        let l = word.lowercased()
        if let m = Self.months.firstIndex(of: l) { return m + 1 }
        if l.count >= 3, l != "mar", l != "may", let m = Self.monthAbbreviations.firstIndex(of: String(l.prefix(3))), l == String(l.prefix(3)) || l == "sept" {
            return m + 1
        }
        return nil
    }

    /// "May" is a month after "in"/"since"/"by" or before a day or year; otherwise the verb.
    private func isMonthContext(_ prev: String, _ next: String?) -> Bool {
        if ["in", "since", "by", "early", "late", "mid", "until", "through", "from", "of"].contains(prev) { return true }
        if let next, let n = Int(next), (1...31).contains(n) || (1900...2100).contains(n) { return true }
        return false
    }

    private func mention(_ text: ArticleText, _ r: Range<Int>, _ date: String?) -> DateMention {
        DateMention(text: text.text(r), date: date, start: text.scalarOffset(r.lowerBound), end: text.scalarOffset(r.upperBound))
    }
}
