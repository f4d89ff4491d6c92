import Foundation

/// Parses the timestamps articles carry. Pure: no clock reads.
public enum DateParsing {
    /// `yyyy-MM-dd` at 00:00 UTC.
    public static let day: @Sendable (String) -> Date? = { s in
        let p = s.split(separator: "-")
        guard p.count == 3, let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]), p[0].count == 4 else { return nil }
        return utcDate(year: y, month: m, day: d)
    }

    /// ISO 8601 with or without fractional seconds or a zone, or a bare day.
    public static func timestamp(_ s: String) -> Date? {
        if s.count == 10 { return day(s) }
        let plain = ISO8601DateFormatter()
        if let d = plain.date(from: s) { return d }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = fractional.date(from: s) { return d }
        let local = ISO8601DateFormatter()
        local.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
        return local.date(from: s)
    }

    public static func utcDate(year: Int, month: Int, day: Int) -> Date? {
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        var c = DateComponents()
        c.year = year
        c.month = month
        c.day = day
        let date = utcCalendar.date(from: c)
        // Reject 31 April and the like rather than rolling over.
        guard let date, utcCalendar.component(.month, from: date) == month else { return nil }
        return date
    }

    public static let utcCalendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()

    /// `yyyy-MM-dd` in UTC.
    public static func dayString(_ d: Date) -> String {
        let c = utcCalendar.dateComponents([.year, .month, .day], from: d)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// `yyyy-MM-ddTHH:mm:ssZ`.
    public static func isoString(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        return f.string(from: d)
    }
}
