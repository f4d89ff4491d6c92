import Foundation

/// A rule's hit on an article, as stored: written in the same transaction as the article (a transactional outbox),
/// at most once per rule and story.
public struct Alert: Sendable, Hashable, Codable {
    /// Grows with every alert: the cursor of `GET /v1/alerts` and the event id of the alert stream.
    public var seq: Int64
    public var keyID: String
    public var ruleID: String
    public var ruleName: String
    public var articleSeq: Int64
    public var created: Date

    /// The alert's id: its sequence number, prefixed (an alert is written once and never renumbered).
    public var id: String { "alt_\(seq)" }

    public init(seq: Int64, keyID: String, ruleID: String, ruleName: String, articleSeq: Int64, created: Date) {
        self.seq = seq
        self.keyID = keyID
        self.ruleID = ruleID
        self.ruleName = ruleName
        self.articleSeq = articleSeq
        self.created = created
    }
}

/// A rule that matched an article on its way in: the store turns it into an `Alert` (unless the rule fired for the
/// article's story already) and a delivery per webhook, in the article's transaction.
public struct PendingAlert: Sendable, Hashable {
    public var keyID: String
    public var ruleID: String
    public var ruleName: String
    public var webhooks: [String]
    /// Each webhook's delivery id (its `webhook-id`), made when the rule matched, so that the server that matched can
    /// send the deliveries the moment they commit, without claiming them first.
    public var deliveryIDs: [String]
    /// Until when those deliveries are that server's alone (nil: any sender may claim them at once). Should it stop
    /// before sending, another sender claims them when the lease runs out.
    public var leasedUntil: Date?
    /// Filed with the article, not after it: its key has a live alert stream, which should not wait (alerts bound for
    /// webhooks are always filed with the article).
    public var immediate: Bool

    public init(
        keyID: String, ruleID: String, ruleName: String, webhooks: [String], deliveryIDs: [String]? = nil, leasedUntil: Date? = nil,
        immediate: Bool = false
    ) {
        self.keyID = keyID
        self.ruleID = ruleID
        self.ruleName = ruleName
        self.webhooks = webhooks
        self.deliveryIDs = deliveryIDs ?? webhooks.map { _ in RandomID.make("msg_") }
        self.leasedUntil = leasedUntil
        self.immediate = immediate
    }

    /// Whether the store files it in the article's transaction (rather than leaving it to the fan-out).
    public var isFiledWithArticle: Bool { immediate || !webhooks.isEmpty }
}
