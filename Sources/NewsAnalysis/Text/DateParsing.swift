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
        let c = civil(d)
        return pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2)
    }

    /// `yyyy-MM-ddTHH:mm:ssZ` in UTC. Computed directly: it runs for every article written.
    public static func isoString(_ d: Date) -> String {
        let c = civil(d)
        let secs = Int(floor(d.timeIntervalSince1970)) - Int(floor(d.timeIntervalSince1970 / 86_400)) * 86_400
        return pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2) + "T" + pad(secs / 3600, 2) + ":" + pad(secs / 60 % 60, 2) + ":"
            + pad(secs % 60, 2) + "Z"
    }

    /// The UTC calendar day of a time (Howard Hinnant's days-to-civil algorithm).
    static func civil(_ d: Date) -> (year: Int, month: Int, day: Int) {
        let z = Int(floor(d.timeIntervalSince1970 / 86_400)) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
