import Foundation
import NewsAnalysis

/// Dates as feeds write them: RFC 822 / 1123 in RSS ("Tue, 15 Sep 2020 14:00:00 GMT", "+0200", "EST", two-digit
/// years, no weekday), ISO 8601 in Atom and Dublin Core. Anything else is nil: the article then takes the time it
/// was received, and nothing is dropped.
enum FeedDate {
    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    /// US zone names RSS feeds still use, in hours from UTC.
    static let zones: [String: Int] = [
        "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    ]

    static func parse(_ raw: String) -> Date? {
        let s = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !s.isEmpty else { return nil }
        if let first = s.first, first.isNumber, s.count >= 10, s[s.index(s.startIndex, offsetBy: 4)] == "-" {
            return DateParsing.timestamp(s)
        }
        return rfc822(s)
    }

    static func rfc822(_ s: String) -> Date? {
        // "Tue, 15 Sep 2020 14:00:00 GMT" → ["15", "Sep", "2020", "14:00:00", "GMT"] once the weekday is dropped.
        var parts = s.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        if let f = parts.first, f.first?.isLetter == true, parts.count > 1, Int(parts[1]) != nil { parts.removeFirst() }
        guard parts.count >= 3, let day = Int(parts[0]), (1...31).contains(day),
            let month = months.firstIndex(of: String(parts[1].prefix(3)).lowercased()), var year = Int(parts[2])
        else { return nil }
        if year < 100 { year += year < 50 ? 2000 : 1900 }
        var hour = 0
        var minute = 0
        var second = 0
        if parts.count >= 4 {
            let clock = parts[3].split(separator: ":").compactMap { Int($0) }
            guard clock.count >= 2, (0...23).contains(clock[0]), (0...59).contains(clock[1]) else { return nil }
            hour = clock[0]
            minute = clock[1]
            second = clock.count > 2 ? clock[2] : 0
        }
        var offsetMinutes = 0
        if parts.count >= 5 {
            let z = parts[4]
            if let hours = zones[z.uppercased()] {
                offsetMinutes = hours * 60
            } else if z.count == 5, let sign = z.first, sign == "+" || sign == "-", let v = Int(z.dropFirst()) {
                offsetMinutes = (sign == "-" ? -1 : 1) * (v / 100 * 60 + v % 100)
            } else {
                return nil
            }
        }
        guard let midnight = DateParsing.utcDate(year: year, month: month + 1, day: day) else { return nil }
        return midnight.addingTimeInterval(Double(hour * 3600 + minute * 60 + second - offsetMinutes * 60))
    }
}
