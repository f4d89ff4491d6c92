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
        if s.utf8.count == 10 { return day(s) }
        if let fast = isoTimestamp(Array(s.utf8)) { return fast }
        let plain = ISO8601DateFormatter()
        if let d = plain.date(from: s) { return d }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = fractional.date(from: s) { return d }
        let local = ISO8601DateFormatter()
        local.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
        return local.date(from: s)
    }

    /// `yyyy-MM-ddTHH:mm:ss[.fff](Z|±HH:mm)`, parsed by hand: it runs for every record, and formatters are costly.
    static func isoTimestamp(_ u: [UInt8]) -> Date? {
        func num(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= u.count else { return nil }
            var v = 0
            for k in from..<(from + count) {
                guard u[k] &- 48 < 10 else { return nil }
                v = v * 10 + Int(u[k] - 48)
            }
            return v
        }
        guard u.count >= 20, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"), u[10] == UInt8(ascii: "T") || u[10] == 32,
            u[13] == UInt8(ascii: ":"), u[16] == UInt8(ascii: ":"), let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2),
            let mi = num(14, 2), let sec = num(17, 2), h < 24, mi < 60, sec < 61, let date = utcDate(year: y, month: mo, day: d)
        else { return nil }
        var i = 19
        var fraction = 0.0
        if i < u.count, u[i] == UInt8(ascii: ".") {
            i += 1
            var scale = 0.1
            while i < u.count, u[i] &- 48 < 10 {
                fraction += Double(u[i] - 48) * scale
                scale /= 10
                i += 1
            }
        }
        var offset = 0
        if i < u.count, u[i] == UInt8(ascii: "Z") {
            i += 1
        } else if i < u.count, u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-"), let oh = num(i + 1, 2) {
            let hasColon = i + 3 < u.count && u[i + 3] == UInt8(ascii: ":")
            guard let om = num(i + (hasColon ? 4 : 3), 2) else { return nil }
            offset = (oh * 3600 + om * 60) * (u[i] == UInt8(ascii: "-") ? -1 : 1)
            i += hasColon ? 6 : 5
        } else {
            return nil
        }
        guard i == u.count else { return nil }
        return date.addingTimeInterval(Double(h * 3600 + mi * 60 + sec - offset) + fraction)
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
        return dayString(year: c.year, month: c.month, day: c.day)
    }

    /// `yyyy-MM-dd`, without a formatter (String(format:) costs thousands of instructions a call).
    public static func dayString(year: Int, month: Int, day: Int) -> String {
        pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    /// `yyyy-MM`.
    public static func monthString(year: Int, month: Int) -> String { pad(year, 4) + "-" + pad(month, 2) }

    /// `yyyy-MM-ddTHH:mm:ssZ` in UTC. Computed directly: it runs for every article written.
    public static func isoString(_ d: Date) -> String {
        let c = civil(d)
        let secs = Int(floor(d.timeIntervalSince1970)) - Int(floor(d.timeIntervalSince1970 / 86_400)) * 86_400
        return pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2) + "T" + pad(secs / 3600, 2) + ":" + pad(secs / 60 % 60, 2) + ":"
            + pad(secs % 60, 2) + "Z"
    }

    /// `Wed, 17 May 2017 14:20:15 +0000` (RFC 2822) in UTC, as Benzinga's API writes times.
    public static func rfc2822String(_ d: Date) -> String {
        let c = civil(d)
        let days = Int(floor(d.timeIntervalSince1970 / 86_400))
        let secs = Int(floor(d.timeIntervalSince1970)) - days * 86_400
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return weekdays[((days % 7) + 7) % 7] + ", " + pad(c.day, 2) + " " + months[c.month - 1] + " " + pad(c.year, 4) + " "
            + pad(secs / 3600, 2) + ":" + pad(secs / 60 % 60, 2) + ":" + pad(secs % 60, 2) + " +0000"
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
