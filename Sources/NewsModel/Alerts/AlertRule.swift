import Foundation

/// A key's alert rule: a query in the rule language (CONTRACTS.md §6), the webhooks its alerts go to, and whether
/// it is muted or snoozed.
public struct AlertRule: Sendable, Hashable, Codable {
    public var id: String
    public var keyID: String
    public var name: String
    public var query: String
    public var webhooks: [String]
    /// Muted: matches nothing until unmuted.
    public var muted: Bool
    /// Snoozed: matches nothing until then.
    public var snoozedUntil: Date?
    public var created: Date

    public init(
        id: String, keyID: String, name: String, query: String, webhooks: [String] = [], muted: Bool = false, snoozedUntil: Date? = nil,
        created: Date
    ) {
        self.id = id
        self.keyID = keyID
        self.name = name
        self.query = query
        self.webhooks = webhooks
        self.muted = muted
        self.snoozedUntil = snoozedUntil
        self.created = created
    }

    /// Whether the rule may fire at `time`.
    public func isActive(at time: Date) -> Bool {
        !muted && (snoozedUntil.map { time >= $0 } ?? true)
    }
}
