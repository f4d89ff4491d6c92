import Foundation
import NewsModel
import NewsStore
import Testing

/// What every `AlertStore` backend must do (with `NewsStore.ingest` writing the alerts).
enum AlertStoreConformance {
    typealias Store = any AlertStore & NewsStore
    typealias Check = @Sendable (Store) async throws -> Void

    static let checks: [(name: String, check: Check)] = [
        ("watchlists, rules and webhooks belong to one key", ownership),
        ("alerts are written with their article, once per rule and story", outbox),
        ("deliveries are claimed once, retried, replayed and wait for a disabled endpoint", deliveries),
        ("deliveries leased when matched are read by that server, and claimed once the lease lapses", handOff),
    ]

    static let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    static func pending(_ key: String, _ rule: String, webhooks: [String] = []) -> PendingAlert {
        PendingAlert(keyID: key, ruleID: rule, ruleName: "rule \(rule)", webhooks: webhooks)
    }

    static func article(_ title: String, story: String, alerts: [PendingAlert]) -> StoredArticle.Incoming {
        var a = NewsStoreConformance.incoming(title, "Body of \(title).", guid: title)
        a.analysis.story = story
        a.alerts = alerts
        return a
    }

    static func ownership(_ store: Store) async throws {
        try await store.saveWatchlist(Watchlist(id: "w1", keyID: "k1", name: "core", tickers: ["AAPL"], created: t0))
        await #expect(throws: AlertStoreError.nameTaken("core")) {
            try await store.saveWatchlist(Watchlist(id: "w2", keyID: "k1", name: "core", tickers: [], created: t0))
        }
        try await store.saveWatchlist(Watchlist(id: "w3", keyID: "k2", name: "core", tickers: ["MSFT"], created: t0))
        try await store.saveWatchlist(Watchlist(id: "w1", keyID: "k1", name: "core", tickers: ["AAPL", "NVDA"], created: t0))
        #expect(try await store.watchlists(keyID: "k1").map(\.tickers) == [["AAPL", "NVDA"]])
        #expect(try await store.watchlists(keyID: nil).count == 2)

        let rule = AlertRule(id: "r1", keyID: "k1", name: "n", query: "ticker:@core", webhooks: ["h1"], snoozedUntil: t0, created: t0)
        try await store.saveRules([rule])
        #expect(try await store.rules(keyID: "k1") == [rule])
        #expect(try await store.rules(keyID: "k2").isEmpty)
        #expect(try await store.deleteRule(id: "r1", keyID: "k2") == false, "another key cannot delete it")
        #expect(try await store.deleteRule(id: "r1", keyID: "k1"))

        let hook = Webhook(id: "h1", keyID: "k1", url: "http://127.0.0.1:1/x", secret: "whsec_AAAA", created: t0)
        try await store.saveWebhook(hook)
        #expect(try await store.webhooks(keyID: "k2").isEmpty)
        #expect(try await store.webhooks(keyID: "k1") == [hook])
        #expect(try await store.deleteWatchlist(id: "w1", keyID: "k2") == false)
        #expect(try await store.deleteWebhook(id: "h1", keyID: "k1"))
    }

    static func outbox(_ store: Store) async throws {
        let first = try await store.ingest([
            article("First", story: "s1", alerts: [pending("k1", "r1"), pending("k2", "r2")]),
            article("Second", story: "s2", alerts: [pending("k1", "r1")]),
        ])
        // The same story again: rule r1 has fired for it; r3 has not.
        _ = try await store.ingest([article("Third", story: "s1", alerts: [pending("k1", "r1"), pending("k1", "r3")])])
        // A duplicate article raises nothing.
        _ = try await store.ingest([article("Second", story: "s2", alerts: [pending("k1", "r9")])])
        // They wait in the outbox until filed under their keys, a round at a time (here an article a round).
        #expect(try await store.alerts(keyID: "k1", after: 0, limit: 10).isEmpty)
        #expect(try await store.fanOutAlerts(maxAlerts: 1) == FannedOutAlerts(keys: ["k1", "k2"], more: true))
        #expect(try await store.fanOutAlerts(maxAlerts: 1) == FannedOutAlerts(keys: ["k1"], more: true))
        #expect(try await store.fanOutAlerts(maxAlerts: 1) == FannedOutAlerts(keys: ["k1"], more: false))
        #expect(try await store.fanOutAlerts(maxAlerts: 1) == FannedOutAlerts(keys: [], more: false))
        let k1 = try await store.alerts(keyID: "k1", after: 0, limit: 10)
        #expect(k1.map(\.0.ruleID) == ["r1", "r1", "r3"])
        #expect(k1.map { $0.1?.title } == ["First", "Second", "Third"])
        #expect(k1[0].0.articleSeq == first[0].seq)
        #expect(try await store.alerts(keyID: "k2", after: 0, limit: 10).map(\.0.ruleID) == ["r2"])
        #expect(try await store.alerts(keyID: "k1", after: k1[1].0.seq, limit: 10).map(\.0.ruleID) == ["r3"])
        #expect(try await store.newestAlertSeq() == k1[2].0.seq)
        #expect(try await store.recentAlerts(keyID: "k1", limit: 2).map(\.0.ruleID) == ["r3", "r1"], "an inbox: newest first")
        #expect(try await store.recentAlerts(keyID: "k2", limit: 10).map(\.0.ruleID) == ["r2"])
        // Removed articles leave their alerts, without the article.
        _ = try await store.remove(first[0].seq, at: t0)
        #expect(try await store.alerts(keyID: "k1", after: 0, limit: 1).first?.1 == nil)

        // An alert for a key with a live stream is filed with its article, as one bound for a webhook is.
        var live = pending("k3", "r5")
        live.immediate = true
        _ = try await store.ingest([article("Live", story: "s3", alerts: [live, pending("k3", "r6")])])
        #expect(try await store.alerts(keyID: "k3", after: 0, limit: 10).map(\.0.ruleID) == ["r5"], "the other waits for the fan-out")
        #expect(try await store.fanOutAlerts(maxAlerts: 10) == FannedOutAlerts(keys: ["k3"], more: false))
        #expect(try await store.alerts(keyID: "k3", after: 0, limit: 10).map(\.0.ruleID) == ["r5", "r6"])
    }

    static func deliveries(_ store: Store) async throws {
        try await store.saveWebhook(Webhook(id: "h1", keyID: "k1", url: "http://127.0.0.1:1/a", secret: "whsec_AAAA", created: t0))
        try await store.saveWebhook(Webhook(id: "h2", keyID: "k1", url: "http://127.0.0.1:1/b", secret: "whsec_BBBB", created: t0))
        _ = try await store.ingest([article("Hooked", story: "s", alerts: [pending("k1", "r1", webhooks: ["h1", "h2"])])])
        let now = Date()
        let claimed = try await store.claimDeliveries(now: now, lease: 60, limit: 10)
        #expect(Set(claimed.map(\.1.id)) == ["h1", "h2"])
        #expect(try await store.claimDeliveries(now: now, lease: 60, limit: 10).isEmpty, "leased: nobody else takes them")
        #expect(try await store.claimDeliveries(now: now.addingTimeInterval(61), lease: 60, limit: 10).count == 2, "a lapsed lease frees them")

        let (a, b) = (claimed[0].0, claimed[1].0)
        let attempt = WebhookDelivery.Attempt(at: now, status: 500, error: nil, milliseconds: 3)
        try await store.recordAttempts([
            AttemptOutcome(deliveryID: a.id, attempt: attempt, delivered: false, next: now.addingTimeInterval(5), payload: "{\"a\":1}"),
            AttemptOutcome(deliveryID: b.id, attempt: attempt, delivered: true, next: nil, payload: nil),
        ])
        #expect(try await store.claimDeliveries(now: now.addingTimeInterval(1), lease: 60, limit: 10).isEmpty, "not due yet")
        let retry = try await store.claimDeliveries(now: now.addingTimeInterval(6), lease: 60, limit: 10)
        #expect(retry.map(\.0.id) == [a.id])
        #expect(retry.first?.0.attempts.count == 1 && retry.first?.0.payload == "{\"a\":1}", "the first body is kept for retries")
        try await store.recordAttempts([AttemptOutcome(deliveryID: a.id, attempt: attempt, delivered: false, next: nil, payload: "{\"other\":1}")])

        let listed = try await store.deliveries(webhookID: "h1", keyID: "k1", before: nil, limit: 10)
        #expect(listed.map(\.1.status) == [.failed])
        #expect(listed.first?.1.attempts.count == 2 && listed.first?.1.payload == "{\"a\":1}")
        #expect(try await store.deliveries(webhookID: "h1", keyID: "k2", before: nil, limit: 10).isEmpty)

        #expect(try await store.replayDelivery(id: a.id, webhookID: "h1", keyID: "k2", at: now) == false)
        #expect(try await store.replayDelivery(id: a.id, webhookID: "h1", keyID: "k1", at: now.addingTimeInterval(10)))
        try await store.disableWebhook(id: "h1", reason: "410")
        #expect(try await store.claimDeliveries(now: now.addingTimeInterval(100), lease: 60, limit: 10).isEmpty, "a disabled endpoint waits")
        try await store.saveWebhook(Webhook(id: "h1", keyID: "k1", url: "http://127.0.0.1:1/a", secret: "whsec_AAAA", created: t0))
        let replayed = try await store.claimDeliveries(now: now.addingTimeInterval(100), lease: 60, limit: 10)
        #expect(replayed.map(\.0.id) == [a.id], "replayed under the same webhook-id once enabled again")
        try await store.releaseDeliveryLeases()
        #expect(try await store.claimDeliveries(now: now.addingTimeInterval(100), lease: 60, limit: 10).count == 1)
    }

    /// Deliveries leased when their rule matched: the matching server reads them once committed, nobody claims them
    /// meanwhile, and once the lease lapses (that server died) they are claimed like any other.
    static func handOff(_ store: Store) async throws {
        try await store.saveWebhook(Webhook(id: "h1", keyID: "k1", url: "http://127.0.0.1:1/a", secret: "whsec_AAAA", created: t0))
        let now = Date()
        var hooked = pending("k1", "r1", webhooks: ["h1"])
        hooked.leasedUntil = now.addingTimeInterval(60)
        let repeated = PendingAlert(keyID: "k1", ruleID: "r1", ruleName: "again", webhooks: ["h1"], leasedUntil: now.addingTimeInterval(60))
        _ = try await store.ingest([article("Hooked", story: "s", alerts: [hooked]), article("Again", story: "s", alerts: [repeated])])
        #expect(try await store.claimDeliveries(now: now, lease: 60, limit: 10).isEmpty, "leased to the server that matched")
        let read = try await store.leasedDeliveries(ids: hooked.deliveryIDs + repeated.deliveryIDs, now: now)
        #expect(read.map(\.0.id) == hooked.deliveryIDs, "the story's second alert was dropped, and its delivery with it")
        #expect(read.first?.1.url == "http://127.0.0.1:1/a")
        let later = now.addingTimeInterval(61)
        #expect(try await store.leasedDeliveries(ids: hooked.deliveryIDs, now: later).isEmpty, "a lapsed lease is left to claims")
        #expect(try await store.claimDeliveries(now: later, lease: 60, limit: 10).map(\.0.id) == hooked.deliveryIDs)
    }
}
