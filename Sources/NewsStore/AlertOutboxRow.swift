import Foundation
import NewsModel

/// How both stores keep an article's alerts that wait in the outbox (those not bound for webhooks nor for a live
/// stream): rows of up to `capacity` alerts, each a JSON array of `[key, rule, rule name]`, until `fanOutAlerts`
/// files them under their keys. Rows of a few hundred keep filing one a short transaction.
public enum AlertOutboxRow {
    public static let capacity = 500

    /// One waiting alert.
    public struct Entry: Sendable, Hashable {
        public var keyID: String
        public var ruleID: String
        public var ruleName: String
    }

    /// The alerts, in rows of at most `capacity`, each encoded.
    public static func rows(_ alerts: [PendingAlert]) -> [String] {
        stride(from: 0, to: alerts.count, by: capacity).map { start in
            var row = JSONWriter(capacity: 64 * capacity)
            row.beginArray()
            for p in alerts[start..<min(start + capacity, alerts.count)] {
                row.beginArray()
                row.string(p.keyID)
                row.string(p.ruleID)
                row.string(p.ruleName)
                row.endArray()
            }
            row.endArray()
            return String(decoding: row.bytes, as: UTF8.self)
        }
    }

    /// One encoded row's alerts.
    public static func entries(_ row: String) throws -> [Entry] {
        try JSONDecoder().decode([[String]].self, from: Data(row.utf8)).compactMap { e in
            e.count == 3 ? Entry(keyID: e[0], ruleID: e[1], ruleName: e[2]) : nil
        }
    }
}
