import Foundation
import GRDB
import NewsModel

extension SQLiteNewsStore: AlertStore {
    /// The outbox, in the article's transaction. Alerts bound for webhooks are filed at once, each with a delivery
    /// per webhook, so the sender can start as soon as the article commits; so are those of keys with a live alert
    /// stream (`PendingAlert.immediate`). The rest (an article about a large
    /// company can raise thousands, for as many keys) wait in the outbox until `fanOutAlerts` files them under
    /// their keys: the article's transaction stays short, and its webhooks go out sooner. A rule that fired for the
    /// article's story already is skipped (the unique key on story and rule).
    static func writeAlerts(_ a: StoredArticle.Incoming, seq: Int64, _ db: Database) throws {
        guard !a.alerts.isEmpty else { return }
        let story = a.analysis.story ?? "article:\(seq)"
        let now = Date().timeIntervalSince1970
        let one = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO alert (keyID, ruleID, ruleName, articleSeq, story, created) VALUES (?, ?, ?, ?, ?, ?)")
        let delivery = try db.cachedStatement(
            sql: """
                INSERT INTO delivery (id, webhookID, keyID, alertSeq, status, attempts, nextAttempt, leaseUntil, created) \
                VALUES (?, ?, ?, ?, 'pending', '[]', ?, ?, ?)
                """)
        var waiting: [PendingAlert] = []
        for p in a.alerts {
            guard p.isFiledWithArticle else {
                waiting.append(p)
                continue
            }
            try one.execute(arguments: [p.keyID, p.ruleID, p.ruleName, seq, story, now])
            guard db.changesCount > 0 else { continue }
            let alertSeq = db.lastInsertedRowID
            for (id, webhook) in zip(p.deliveryIDs, p.webhooks) {
                try delivery.execute(arguments: [id, webhook, p.keyID, alertSeq, now, p.leasedUntil?.timeIntervalSince1970, now])
            }
        }
        let outbox = try db.cachedStatement(sql: "INSERT INTO alert_outbox (articleSeq, story, created, alerts) VALUES (?, ?, ?, ?)")
        for row in AlertOutboxRow.rows(waiting) { try outbox.execute(arguments: [seq, story, now, row]) }
    }

    public func fanOutAlerts(maxAlerts: Int) async throws -> FannedOutAlerts {
        try await pool.write { db in
            // Whole outbox rows, oldest first, until about `maxAlerts` alerts (at least one row).
            var filed: [(keyID: String, ruleID: String, ruleName: String, articleSeq: Int64, story: String, created: Double)] = []
            var lastID: Int64?
            var more = false
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM alert_outbox ORDER BY id")
            while let row = try rows.next() {
                guard filed.count < maxAlerts else {
                    more = true
                    break
                }
                for e in try AlertOutboxRow.entries(row["alerts"]) {
                    filed.append((e.keyID, e.ruleID, e.ruleName, row["articleSeq"], row["story"], row["created"]))
                }
                lastID = row["id"]
            }
            guard let lastID else { return FannedOutAlerts(keys: [], more: false) }
            // Key by key (each key's in article order): runs of neighbouring index entries.
            let order = filed.indices.sorted { (filed[$0].keyID, $0) < (filed[$1].keyID, $1) }
            let chunk = 400
            for start in stride(from: 0, to: order.count, by: chunk) {
                let part = order[start..<min(start + chunk, order.count)]
                var values: [(any DatabaseValueConvertible)?] = []
                values.reserveCapacity(part.count * 6)
                for i in part {
                    let f = filed[i]
                    values += [f.keyID, f.ruleID, f.ruleName, f.articleSeq, f.story, f.created]
                }
                try db.cachedStatement(
                    sql: "INSERT OR IGNORE INTO alert (keyID, ruleID, ruleName, articleSeq, story, created) VALUES "
                        + Array(repeating: "(?, ?, ?, ?, ?, ?)", count: part.count).joined(separator: ", ")
                ).execute(arguments: StatementArguments(values))
            }
            try db.execute(sql: "DELETE FROM alert_outbox WHERE id <= ?", arguments: [lastID])
            return FannedOutAlerts(keys: Set(filed.map(\.keyID)), more: more)
        }
    }

    // MARK: Watchlists

    public func saveWatchlist(_ w: Watchlist) async throws {
        try await pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM watchlist WHERE keyID = ? AND name = ? AND id != ?", arguments: [w.keyID, w.name, w.id])
                == true
            {
                throw AlertStoreError.nameTaken(w.name)
            }
            try db.execute(
                sql: "INSERT OR REPLACE INTO watchlist (id, keyID, name, tickers, created) VALUES (?, ?, ?, ?, ?)",
                arguments: [w.id, w.keyID, w.name, Self.json(w.tickers), w.created.timeIntervalSince1970])
        }
    }

    public func watchlists(keyID: String?) async throws -> [Watchlist] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM watchlist WHERE ? IS NULL OR keyID = ? ORDER BY created, id", arguments: [keyID, keyID]).map {
                Watchlist(
                    id: $0["id"], keyID: $0["keyID"], name: $0["name"], tickers: try Self.decode($0["tickers"]),
                    created: Date(timeIntervalSince1970: $0["created"]))
            }
        }
    }

    public func deleteWatchlist(id: String, keyID: String) async throws -> Bool {
        try await delete("watchlist", id: id, keyID: keyID)
    }

    // MARK: Rules

    public func saveRules(_ rules: [AlertRule]) async throws {
        try await pool.write { db in
            let save = try db.cachedStatement(
                sql: "INSERT OR REPLACE INTO rule (id, keyID, name, query, webhooks, muted, snoozedUntil, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            for r in rules {
                try save.execute(arguments: [
                    r.id, r.keyID, r.name, r.query, Self.json(r.webhooks), r.muted, r.snoozedUntil?.timeIntervalSince1970,
                    r.created.timeIntervalSince1970,
                ])
            }
        }
    }

    public func rules(keyID: String?) async throws -> [AlertRule] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM rule WHERE ? IS NULL OR keyID = ? ORDER BY created, id", arguments: [keyID, keyID]).map {
                AlertRule(
                    id: $0["id"], keyID: $0["keyID"], name: $0["name"], query: $0["query"], webhooks: try Self.decode($0["webhooks"]),
                    muted: $0["muted"], snoozedUntil: ($0["snoozedUntil"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    created: Date(timeIntervalSince1970: $0["created"]))
            }
        }
    }

    public func deleteRule(id: String, keyID: String) async throws -> Bool {
        try await delete("rule", id: id, keyID: keyID)
    }

    // MARK: Webhooks

    public func saveWebhook(_ w: Webhook) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO webhook (id, keyID, url, secret, enabled, disabledReason, created) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [w.id, w.keyID, w.url, w.secret, w.enabled, w.disabledReason, w.created.timeIntervalSince1970])
        }
    }

    public func webhooks(keyID: String?) async throws -> [Webhook] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM webhook WHERE ? IS NULL OR keyID = ? ORDER BY created, id", arguments: [keyID, keyID]).map(
                Self.webhook)
        }
    }

    public func deleteWebhook(id: String, keyID: String) async throws -> Bool {
        try await delete("webhook", id: id, keyID: keyID)
    }

    public func disableWebhook(id: String, reason: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE webhook SET enabled = 0, disabledReason = ? WHERE id = ?", arguments: [reason, id])
        }
    }

    private func delete(_ table: String, id: String, keyID: String) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM \(table) WHERE id = ? AND keyID = ?", arguments: [id, keyID])
            return db.changesCount > 0
        }
    }

    // MARK: Alerts

    /// Alerts are indexed by run of sequence numbers, then key (`alert_by_run_key`): new alerts, whoever's, land in
    /// the same few index pages, where an index by key first would spread an article's thousands over as many pages,
    /// each written whole to the log. A key's alerts are read run by run, one index lookup each.
    static let alertRunBits = 12

    public func alerts(keyID: String, after seq: Int64, limit: Int) async throws -> [(Alert, StoredArticle?)] {
        try await pool.read { db in try Self.alerts(keyID: keyID, after: seq, newestFirst: false, limit: limit, db) }
    }

    public func recentAlerts(keyID: String, limit: Int) async throws -> [(Alert, StoredArticle?)] {
        try await pool.read { db in try Self.alerts(keyID: keyID, after: 0, newestFirst: true, limit: limit, db) }
    }

    /// A key's alerts after `seq`, read run by run (oldest runs first, or newest first), with their articles.
    private static func alerts(keyID: String, after seq: Int64, newestFirst: Bool, limit: Int, _ db: Database) throws -> [(Alert, StoredArticle?)] {
        let newest = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM alert") ?? 0
        let inRun = try db.cachedStatement(
            sql: "SELECT * FROM alert WHERE (seq >> \(alertRunBits)) = ? AND keyID = ? AND seq > ? ORDER BY seq \(newestFirst ? "DESC" : "") LIMIT ?")
        let (first, last) = (max(0, seq) >> alertRunBits, newest >> alertRunBits)
        var found: [Alert] = []
        // (A cursor past the newest alert gives no runs.)
        for run in newestFirst ? stride(from: last, through: first, by: -1) : stride(from: first, through: last, by: 1) {
            guard found.count < limit else { break }
            found += try Row.fetchAll(inRun, arguments: [run, keyID, seq, limit - found.count]).map(alert)
        }
        return try withArticles(found, db)
    }

    public func alerts(seqs: [Int64]) async throws -> [Int64: (Alert, StoredArticle?)] {
        try await pool.read { db in
            let found = try Self.withArticles(
                Row.fetchAll(db, sql: "SELECT * FROM alert WHERE seq IN (SELECT value FROM json_each(?))", arguments: [Self.json(seqs)]).map(
                    Self.alert), db)
            return Dictionary(found.map { ($0.0.seq, $0) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// The alerts with their articles, each article read and decoded once.
    private static func withArticles(_ alerts: [Alert], _ db: Database) throws -> [(Alert, StoredArticle?)] {
        let decoder = JSONDecoder()
        let articles = try ArticleRecord.filter(keys: Set(alerts.map(\.articleSeq))).filter(ArticleRecord.Columns.removedAt == nil).fetchAll(db)
        let bySeq = Dictionary(uniqueKeysWithValues: try articles.map { ($0.seq!, try $0.stored(decoder: decoder)) })
        return alerts.map { ($0, bySeq[$0.articleSeq]) }
    }

    private static func alert(_ row: Row) -> Alert {
        Alert(
            seq: row["seq"], keyID: row["keyID"], ruleID: row["ruleID"], ruleName: row["ruleName"], articleSeq: row["articleSeq"],
            created: Date(timeIntervalSince1970: row["created"]))
    }

    public func newestAlertSeq() async throws -> Int64 {
        try await pool.read { db in try Int64.fetchOne(db, sql: "SELECT max(seq) FROM alert") ?? 0 }
    }

    // MARK: Deliveries

    public func claimDeliveries(now: Date, lease: TimeInterval, limit: Int) async throws -> [(WebhookDelivery, Webhook)] {
        try await pool.write { db in
            let t = now.timeIntervalSince1970
            let claimed = try Row.fetchAll(
                db,
                sql: """
                    UPDATE delivery SET leaseUntil = ? WHERE cursor IN (\
                    SELECT delivery.cursor FROM delivery JOIN webhook ON webhook.id = delivery.webhookID \
                    WHERE delivery.status = 'pending' AND delivery.nextAttempt <= ? AND webhook.enabled \
                    AND (delivery.leaseUntil IS NULL OR delivery.leaseUntil < ?) ORDER BY delivery.nextAttempt LIMIT ?) RETURNING *
                    """, arguments: [t + lease, t, t, limit]
            ).map(Self.delivery)
            return try Self.withEnabledEndpoints(claimed, db)
        }
    }

    public func leasedDeliveries(ids: [String], now: Date) async throws -> [(WebhookDelivery, Webhook)] {
        try await pool.read { db in
            let found = try Row.fetchAll(
                db, sql: "SELECT * FROM delivery WHERE id IN (SELECT value FROM json_each(?)) AND status = 'pending' AND leaseUntil > ?",
                arguments: [Self.json(ids), now.timeIntervalSince1970]
            ).map(Self.delivery)
            return try Self.withEnabledEndpoints(found, db)
        }
    }

    /// Deliveries with their endpoints, those whose endpoint is enabled.
    private static func withEnabledEndpoints(_ deliveries: [WebhookDelivery], _ db: Database) throws -> [(WebhookDelivery, Webhook)] {
        let endpoints = try Row.fetchAll(
            db, sql: "SELECT * FROM webhook WHERE enabled AND id IN (SELECT value FROM json_each(?))",
            arguments: [Self.json(Set(deliveries.map(\.webhookID)))]
        ).map(Self.webhook)
        let byID = Dictionary(uniqueKeysWithValues: endpoints.map { ($0.id, $0) })
        return deliveries.compactMap { d in byID[d.webhookID].map { (d, $0) } }
    }

    public func recordAttempts(_ outcomes: [AttemptOutcome]) async throws {
        guard !outcomes.isEmpty else { return }
        try await pool.write { db in
            let read = try db.cachedStatement(sql: "SELECT attempts FROM delivery WHERE id = ?")
            let update = try db.cachedStatement(
                sql: "UPDATE delivery SET status = ?, attempts = ?, nextAttempt = ?, leaseUntil = NULL, payload = coalesce(payload, ?) WHERE id = ?")
            for o in outcomes {
                guard let old = try String.fetchOne(read, arguments: [o.deliveryID]) else { continue }
                var attempts: [WebhookDelivery.Attempt] = try Self.decode(old)
                attempts.append(o.attempt)
                let status: WebhookDelivery.Status = o.delivered ? .delivered : o.next == nil ? .failed : .pending
                try update.execute(arguments: [status.rawValue, try Self.json(attempts), o.next?.timeIntervalSince1970, o.payload, o.deliveryID])
            }
        }
    }

    public func deliveries(webhookID: String, keyID: String, before: Int64?, limit: Int) async throws -> [(cursor: Int64, WebhookDelivery)] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM delivery WHERE webhookID = ? AND keyID = ? AND cursor < ? ORDER BY cursor DESC LIMIT ?",
                arguments: [webhookID, keyID, before ?? Int64.max, limit]
            ).map { (cursor: $0["cursor"], try Self.delivery($0)) }
        }
    }

    public func replayDelivery(id: String, webhookID: String, keyID: String, at time: Date) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE delivery SET status = 'pending', nextAttempt = ?, leaseUntil = NULL WHERE id = ? AND webhookID = ? AND keyID = ?",
                arguments: [time.timeIntervalSince1970, id, webhookID, keyID])
            return db.changesCount > 0
        }
    }

    public func releaseDeliveryLeases() async throws {
        try await pool.write { db in try db.execute(sql: "UPDATE delivery SET leaseUntil = NULL WHERE leaseUntil IS NOT NULL") }
    }

    // MARK: Rows

    private static func webhook(_ row: Row) -> Webhook {
        Webhook(
            id: row["id"], keyID: row["keyID"], url: row["url"], secret: row["secret"], enabled: row["enabled"],
            disabledReason: row["disabledReason"],
            created: Date(timeIntervalSince1970: row["created"]))
    }

    private static func delivery(_ row: Row) throws -> WebhookDelivery {
        WebhookDelivery(
            id: row["id"], webhookID: row["webhookID"], keyID: row["keyID"], alertSeq: row["alertSeq"],
            status: WebhookDelivery.Status(rawValue: row["status"]) ?? .pending, attempts: row["attempts"] == "[]" ? [] : try decode(row["attempts"]),
            nextAttempt: (row["nextAttempt"] as Double?).map(Date.init(timeIntervalSince1970:)), created: Date(timeIntervalSince1970: row["created"]),
            payload: row["payload"])
    }

    private static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    private static func decode<T: Decodable>(_ text: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }
}
