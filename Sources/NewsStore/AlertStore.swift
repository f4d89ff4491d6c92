import Foundation
import NewsModel

/// Watchlists, rules, webhooks, alerts and webhook deliveries, each owned by one API key.
///
/// Alerts themselves are written by `NewsStore.ingest`, from each article's `PendingAlert`s, in the article's
/// transaction (the outbox): an acknowledged article never loses its alerts, nor an alert its deliveries. Alerts bound
/// for webhooks are filed there and then, with their deliveries; the others are filed under their keys by
/// `fanOutAlerts`, which the server runs as soon as the article commits (and again after a restart).
/// Every read and change names the key it acts for, and sees nothing of another key's.
public protocol AlertStore: Sendable {
    /// Saves a new or changed watchlist; throws `AlertStoreError.nameTaken` when the key has another by that name.
    func saveWatchlist(_ w: Watchlist) async throws
    /// A key's watchlists (every key's when nil, for loading the rules), oldest first.
    func watchlists(keyID: String?) async throws -> [Watchlist]
    func deleteWatchlist(id: String, keyID: String) async throws -> Bool

    /// Saves new or changed rules, in one transaction.
    func saveRules(_ rules: [AlertRule]) async throws
    /// A key's rules (every key's when nil), oldest first.
    func rules(keyID: String?) async throws -> [AlertRule]
    func deleteRule(id: String, keyID: String) async throws -> Bool

    func saveWebhook(_ w: Webhook) async throws
    func webhooks(keyID: String?) async throws -> [Webhook]
    func deleteWebhook(id: String, keyID: String) async throws -> Bool

    /// A key's alerts after a sequence number, oldest first, each with its article (nil if since removed).
    func alerts(keyID: String, after seq: Int64, limit: Int) async throws -> [(Alert, StoredArticle?)]

    /// A key's newest alerts, newest first, each with its article (an inbox).
    func recentAlerts(keyID: String, limit: Int) async throws -> [(Alert, StoredArticle?)]

    /// Alerts by sequence number (whoever's they are: for the webhook sender), each with its article.
    func alerts(seqs: [Int64]) async throws -> [Int64: (Alert, StoredArticle?)]

    /// Files alerts waiting in the outbox under their keys (where `alerts(keyID:after:limit:)` reads them), oldest
    /// articles first, about `maxAlerts` in one transaction. Returns the keys that got alerts and whether more wait.
    func fanOutAlerts(maxAlerts: Int) async throws -> FannedOutAlerts

    /// The newest alert's sequence number (0 when there is none): where a live alert stream starts.
    func newestAlertSeq() async throws -> Int64

    /// Takes up to `limit` deliveries that are due (pending, next attempt reached, endpoint enabled, not leased to
    /// another sender) and leases them until `now + lease`, so that one sender alone attempts each; each with its
    /// endpoint.
    func claimDeliveries(now: Date, lease: TimeInterval, limit: Int) async throws -> [(WebhookDelivery, Webhook)]
    /// The deliveries with these ids that are still pending, for an enabled endpoint, and leased past `now`, with
    /// their endpoints: those a server leased to itself when it matched their rules (`PendingAlert.leasedUntil`), to
    /// send once they commit. (One whose lease ran out is left to claims.)
    func leasedDeliveries(ids: [String], now: Date) async throws -> [(WebhookDelivery, Webhook)]
    /// Records attempts (in one transaction) and what follows each: delivered, another attempt at `next`, or failed
    /// when `next` is nil. Ends their leases. A payload is kept from the first attempt that gives one.
    func recordAttempts(_ outcomes: [AttemptOutcome]) async throws
    /// Disables an endpoint (a 410 Gone): its deliveries wait until it is enabled again.
    func disableWebhook(id: String, reason: String) async throws
    /// A webhook's deliveries, newest first, before the `before` sequence (all when nil), with their attempts.
    func deliveries(webhookID: String, keyID: String, before: Int64?, limit: Int) async throws -> [(cursor: Int64, WebhookDelivery)]
    /// Sends a delivery again, now, under the same `webhook-id`; false when the key has no such delivery.
    func replayDelivery(id: String, webhookID: String, keyID: String, at time: Date) async throws -> Bool
    /// Ends every delivery lease (at start in single-node mode, when no other sender can hold one).
    func releaseDeliveryLeases() async throws
}

extension AlertStore {
    /// Every alert of the key after `seq`, oldest first, read a page at a time; returns the last one's sequence
    /// (`seq` when there was none).
    public func forEachAlert(
        keyID: String, after seq: Int64, pageSize: Int = 500, _ body: (Alert, StoredArticle?) async throws -> Void
    ) async throws -> Int64 {
        var last = seq
        while true {
            let page = try await alerts(keyID: keyID, after: last, limit: pageSize)
            for (alert, article) in page { try await body(alert, article) }
            guard let newest = page.last?.0.seq else { return last }
            last = newest
            if page.count < pageSize { return last }
        }
    }
}

/// What one `fanOutAlerts` filed.
public struct FannedOutAlerts: Sendable, Equatable {
    /// The keys that got alerts (some may have been dropped as repeats of their story).
    public var keys: Set<String>
    /// Whether the outbox holds more.
    public var more: Bool

    public init(keys: Set<String>, more: Bool) {
        self.keys = keys
        self.more = more
    }
}

/// One webhook attempt, done, to record.
public struct AttemptOutcome: Sendable {
    public var deliveryID: String
    public var attempt: WebhookDelivery.Attempt
    public var delivered: Bool
    /// When to try again; nil when delivered or out of retries.
    public var next: Date?
    /// The body sent, kept so that retries send the same; nil when there will be none (nothing to keep).
    public var payload: String?

    public init(deliveryID: String, attempt: WebhookDelivery.Attempt, delivered: Bool, next: Date?, payload: String?) {
        self.deliveryID = deliveryID
        self.attempt = attempt
        self.delivered = delivered
        self.next = next
        self.payload = payload
    }
}

public enum AlertStoreError: Error, Equatable {
    case nameTaken(String)
}
