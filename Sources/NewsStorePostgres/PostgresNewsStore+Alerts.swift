import Foundation
import NewsModel
import NewsStore
import PostgresNIO

extension PostgresNewsStore: AlertStore {
    // MARK: Watchlists, rules, webhooks

    public func saveWatchlist(_ w: Watchlist) async throws {
        try await transaction { [self] conn in
            let taken = try await conn.query(
                "SELECT 1 FROM watchlist WHERE key_id = \(w.keyID) AND name = \(w.name) AND id <> \(w.id)", logger: logger
            ).collect()
            guard taken.isEmpty else { throw AlertStoreError.nameTaken(w.name) }
            try await conn.query(
                """
                INSERT INTO watchlist (id, key_id, name, tickers, created) VALUES (\(w.id), \(w.keyID), \(w.name), \(try Self.json(w.tickers)), \
                \(w.created)) ON CONFLICT (id) DO UPDATE SET key_id = excluded.key_id, name = excluded.name, tickers = excluded.tickers, \
                created = excluded.created
                """, logger: logger)
            try await Self.notify([.rules], conn, logger)
        }
    }

    public func watchlists(keyID: String?) async throws -> [Watchlist] {
        try await rows(
            "SELECT id, key_id, name, tickers, created FROM watchlist WHERE \(keyID)::text IS NULL OR key_id = \(keyID) ORDER BY created, id"
        ).map { row in
            let (id, key, name, tickers, created) = try row.decode((String, String, String, String, Date).self)
            return Watchlist(id: id, keyID: key, name: name, tickers: try Self.decode(tickers), created: created)
        }
    }

    public func deleteWatchlist(id: String, keyID: String) async throws -> Bool {
        try await delete("watchlist", id: id, keyID: keyID)
    }

    public func saveRules(_ rules: [AlertRule]) async throws {
        guard !rules.isEmpty else { return }
        var rows = JSONWriter(capacity: 256 * rules.count)
        rows.beginArray()
        for r in rules {
            rows.beginObject()
            rows.field("id", r.id)
            rows.field("key_id", r.keyID)
            rows.field("name", r.name)
            rows.field("query", r.query)
            rows.field("webhooks", try Self.json(r.webhooks))
            rows.field("muted", r.muted)
            if let s = r.snoozedUntil { rows.field("snoozed_until", s.timeIntervalSince1970) }
            rows.field("created", r.created.timeIntervalSince1970)
            rows.endObject()
        }
        rows.endArray()
        let json = String(decoding: rows.bytes, as: UTF8.self)
        try await transaction { [self] conn in
            try await conn.query(
                """
                INSERT INTO rule (id, key_id, name, query, webhooks, muted, snoozed_until, created) \
                SELECT id, key_id, name, query, webhooks, muted, to_timestamp(snoozed_until), to_timestamp(created) \
                FROM json_to_recordset(\(json)::json) AS x(id text, key_id text, name text, query text, webhooks text, muted boolean, \
                snoozed_until double precision, created double precision) \
                ON CONFLICT (id) DO UPDATE SET key_id = excluded.key_id, name = excluded.name, query = excluded.query, webhooks = excluded.webhooks, \
                muted = excluded.muted, snoozed_until = excluded.snoozed_until, created = excluded.created
                """, logger: logger)
            try await Self.notify([.rules], conn, logger)
        }
    }

    public func rules(keyID: String?) async throws -> [AlertRule] {
        try await rows(
            """
            SELECT id, key_id, name, query, webhooks, muted, snoozed_until, created FROM rule WHERE \(keyID)::text IS NULL OR key_id = \(keyID) \
            ORDER BY created, id
            """
        ).map { row in
            let (id, key, name, query, webhooks, muted, snoozed, created) = try row.decode(
                (String, String, String, String, String, Bool, Date?, Date).self)
            return AlertRule(
                id: id, keyID: key, name: name, query: query, webhooks: try Self.decode(webhooks), muted: muted, snoozedUntil: snoozed,
                created: created)
        }
    }

    public func deleteRule(id: String, keyID: String) async throws -> Bool {
        try await delete("rule", id: id, keyID: keyID)
    }

    public func saveWebhook(_ w: Webhook) async throws {
        try await transaction { [self] conn in
            try await conn.query(
                """
                INSERT INTO webhook (id, key_id, url, secret, enabled, disabled_reason, created) VALUES (\(w.id), \(w.keyID), \(w.url), \(w.secret), \
                \(w.enabled), \(w.disabledReason), \(w.created)) ON CONFLICT (id) DO UPDATE SET key_id = excluded.key_id, url = excluded.url, \
                secret = excluded.secret, enabled = excluded.enabled, disabled_reason = excluded.disabled_reason, created = excluded.created
                """, logger: logger)
            try await Self.notify([.rules], conn, logger)
        }
    }

    public func webhooks(keyID: String?) async throws -> [Webhook] {
        try await rows(
            """
            SELECT id, key_id, url, secret, enabled, disabled_reason, created FROM webhook WHERE \(keyID)::text IS NULL OR key_id = \(keyID) \
            ORDER BY created, id
            """
        ).map(Self.webhook)
    }

    public func deleteWebhook(id: String, keyID: String) async throws -> Bool {
        try await delete("webhook", id: id, keyID: keyID)
    }

    public func disableWebhook(id: String, reason: String) async throws {
        try await transaction { [self] conn in
            try await conn.query("UPDATE webhook SET enabled = false, disabled_reason = \(reason) WHERE id = \(id)", logger: logger)
            try await Self.notify([.rules], conn, logger)
        }
    }

    /// Deletes a key's row from one of the tables it owns (the table name is one of ours, never input).
    private func delete(_ table: StaticString, id: String, keyID: String) async throws -> Bool {
        try await transaction { [self] conn in
            let deleted = try await conn.query(
                PostgresQuery(unsafeSQL: "DELETE FROM \(table) WHERE id = $1 AND key_id = $2 RETURNING id", binds: Self.binds(id, keyID)),
                logger: logger
            ).collect()
            if !deleted.isEmpty { try await Self.notify([.rules], conn, logger) }
            return !deleted.isEmpty
        }
    }

    // MARK: Alerts

    static let alertColumns = "seq, key_id, rule_id, rule_name, article_seq, created"

    public func alerts(keyID: String, after seq: Int64, limit: Int) async throws -> [(Alert, StoredArticle?)] {
        try await alerts(
            PostgresQuery(
                unsafeSQL: "SELECT \(Self.alertColumns) FROM alert WHERE key_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
                binds: Self.binds(keyID, seq, limit)))
    }

    public func recentAlerts(keyID: String, limit: Int) async throws -> [(Alert, StoredArticle?)] {
        try await alerts(
            PostgresQuery(
                unsafeSQL: "SELECT \(Self.alertColumns) FROM alert WHERE key_id = $1 ORDER BY seq DESC LIMIT $2", binds: Self.binds(keyID, limit)))
    }

    public func alerts(seqs: [Int64]) async throws -> [Int64: (Alert, StoredArticle?)] {
        let found = try await alerts(
            PostgresQuery(unsafeSQL: "SELECT \(Self.alertColumns) FROM alert WHERE seq = ANY($1)", binds: Self.binds(seqs)))
        return Dictionary(found.map { ($0.0.seq, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The alerts a query selects, in its order, each with its article (read once).
    private func alerts(_ query: PostgresQuery) async throws -> [(Alert, StoredArticle?)] {
        try await connection { [self] conn in
            let alerts = try await conn.query(query, logger: logger).collect().map { row in
                let (seq, key, rule, name, article, created) = try row.decode((Int64, String, String, String, Int64, Date).self)
                return Alert(seq: seq, keyID: key, ruleID: rule, ruleName: name, articleSeq: article, created: created)
            }
            let articles = try await articles(Set(alerts.map(\.articleSeq)), conn)
            return alerts.map { ($0, articles[$0.articleSeq]) }
        }
    }

    public func newestAlertSeq() async throws -> Int64 {
        try await rows("SELECT coalesce(max(seq), 0)::bigint FROM alert").first?.decode(Int64.self) ?? 0
    }

    public func fanOutAlerts(maxAlerts: Int) async throws -> FannedOutAlerts {
        try await transaction { [self] conn in
            // The write lock: alert sequence numbers commit in order, as article ones do.
            try await conn.query("SELECT pg_advisory_xact_lock(\(Self.writeLock))", logger: logger)
            let rows = try await conn.query(
                "SELECT id, article_seq, story, created, alerts FROM alert_outbox ORDER BY id LIMIT \(max(1, maxAlerts) + 1)", logger: logger
            ).collect()
            var filed = JSONWriter(capacity: 128 * maxAlerts)
            filed.beginArray()
            var (count, keys, lastID, more) = (0, Set<String>(), Int64?.none, false)
            for row in rows {
                guard count < maxAlerts || lastID == nil else {
                    more = true
                    break
                }
                let (id, articleSeq, story, created, json) = try row.decode((Int64, Int64, String, Date, String).self)
                for e in try AlertOutboxRow.entries(json) {
                    filed.beginObject()
                    filed.field("i", count)
                    filed.field("key_id", e.keyID)
                    filed.field("rule_id", e.ruleID)
                    filed.field("rule_name", e.ruleName)
                    filed.field("article_seq", Int(articleSeq))
                    filed.field("story", story)
                    filed.field("created", created.timeIntervalSince1970)
                    filed.endObject()
                    keys.insert(e.keyID)
                    count += 1
                }
                lastID = id
            }
            filed.endArray()
            guard let lastID else { return FannedOutAlerts(keys: [], more: false) }
            try await conn.query(
                """
                INSERT INTO alert (key_id, rule_id, rule_name, article_seq, story, created) \
                SELECT key_id, rule_id, rule_name, article_seq, story, to_timestamp(created) FROM json_to_recordset(\(String(decoding: filed.bytes, as: UTF8.self))::json) \
                AS x(i integer, key_id text, rule_id text, rule_name text, article_seq bigint, story text, created double precision) \
                ORDER BY i ON CONFLICT (story, rule_id) DO NOTHING
                """, logger: logger)
            try await conn.query("DELETE FROM alert_outbox WHERE id <= \(lastID)", logger: logger)
            try await Self.notify([.alerts(keys: keys)], conn, logger)
            return FannedOutAlerts(keys: keys, more: more)
        }
    }

    // MARK: Deliveries

    static let deliveryColumns = "delivery.id, webhook_id, delivery.key_id, alert_seq, status, attempts, next_attempt, delivery.created, payload"

    public func claimDeliveries(now: Date, lease: TimeInterval, limit: Int) async throws -> [(WebhookDelivery, Webhook)] {
        try await connection { [self] conn in
            // SKIP LOCKED: senders on other nodes claiming at the same moment take other rows rather than wait.
            let claimed = try await conn.query(
                PostgresQuery(
                    unsafeSQL: """
                        UPDATE delivery SET lease_until = $1 WHERE cursor IN (\
                        SELECT delivery.cursor FROM delivery JOIN webhook ON webhook.id = delivery.webhook_id \
                        WHERE delivery.status = 'pending' AND delivery.next_attempt <= $2 AND webhook.enabled \
                        AND (delivery.lease_until IS NULL OR delivery.lease_until < $2) ORDER BY delivery.next_attempt LIMIT $3 \
                        FOR UPDATE OF delivery SKIP LOCKED) RETURNING \(Self.deliveryColumns)
                        """, binds: Self.binds(now.addingTimeInterval(lease), now, limit)), logger: logger
            ).collect().map(Self.delivery)
            return try await withEnabledEndpoints(claimed, conn)
        }
    }

    public func leasedDeliveries(ids: [String], now: Date) async throws -> [(WebhookDelivery, Webhook)] {
        try await connection { [self] conn in
            let found = try await conn.query(
                PostgresQuery(
                    unsafeSQL: "SELECT \(Self.deliveryColumns) FROM delivery WHERE id = ANY($1) AND status = 'pending' AND lease_until > $2",
                    binds: Self.binds(ids, now)), logger: logger
            ).collect().map(Self.delivery)
            return try await withEnabledEndpoints(found, conn)
        }
    }

    /// Deliveries with their endpoints, those whose endpoint is enabled.
    private func withEnabledEndpoints(_ deliveries: [WebhookDelivery], _ conn: PostgresConnection) async throws -> [(WebhookDelivery, Webhook)] {
        guard !deliveries.isEmpty else { return [] }
        let endpoints = try await conn.query(
            """
            SELECT id, key_id, url, secret, enabled, disabled_reason, created FROM webhook WHERE enabled AND id = ANY(\(Array(Set(deliveries.map(\.webhookID)))))
            """, logger: logger
        ).collect().map(Self.webhook)
        let byID = Dictionary(uniqueKeysWithValues: endpoints.map { ($0.id, $0) })
        return deliveries.compactMap { d in byID[d.webhookID].map { (d, $0) } }
    }

    public func recordAttempts(_ outcomes: [AttemptOutcome]) async throws {
        guard !outcomes.isEmpty else { return }
        try await transaction { [self] conn in
            let ids = Array(Set(outcomes.map(\.deliveryID)))
            var attempts: [String: [WebhookDelivery.Attempt]] = [:]
            for row in try await conn.query("SELECT id, attempts FROM delivery WHERE id = ANY(\(ids)) FOR UPDATE", logger: logger).collect() {
                let (id, json) = try row.decode((String, String).self)
                attempts[id] = try Self.decode(json)
            }
            // Applied in order, so two outcomes for one delivery both count.
            var rows = JSONWriter(capacity: 256 * outcomes.count)
            rows.beginArray()
            for (n, o) in outcomes.enumerated() where attempts[o.deliveryID] != nil {
                attempts[o.deliveryID]!.append(o.attempt)
                let status: WebhookDelivery.Status = o.delivered ? .delivered : o.next == nil ? .failed : .pending
                rows.beginObject()
                rows.field("n", n)
                rows.field("id", o.deliveryID)
                rows.field("status", status.rawValue)
                rows.field("attempts", try Self.json(attempts[o.deliveryID]!))
                if let next = o.next { rows.field("next_attempt", next.timeIntervalSince1970) }
                rows.field("payload", o.payload)
                rows.endObject()
            }
            rows.endArray()
            // The last row for a delivery wins (DISTINCT ON keeps the first of each id in descending order).
            try await conn.query(
                """
                UPDATE delivery SET status = x.status, attempts = x.attempts, next_attempt = to_timestamp(x.next_attempt), lease_until = NULL, \
                payload = coalesce(delivery.payload, x.payload) FROM (SELECT DISTINCT ON (id) * FROM json_to_recordset(\(String(decoding: rows.bytes, as: UTF8.self))::json) \
                AS r(n integer, id text, status text, attempts text, next_attempt double precision, payload text) ORDER BY id, n DESC) AS x \
                WHERE delivery.id = x.id
                """, logger: logger)
        }
    }

    public func deliveries(webhookID: String, keyID: String, before: Int64?, limit: Int) async throws -> [(cursor: Int64, WebhookDelivery)] {
        try await rows(
            PostgresQuery(
                unsafeSQL: """
                    SELECT cursor, \(Self.deliveryColumns) FROM delivery WHERE webhook_id = $1 AND key_id = $2 AND cursor < $3 \
                    ORDER BY cursor DESC LIMIT $4
                    """, binds: Self.binds(webhookID, keyID, before ?? Int64.max, limit))
        ).map { row in
            let cells = row.makeRandomAccess()
            return (cursor: try cells[0].decode(Int64.self), try Self.delivery(row, offset: 1))
        }
    }

    public func replayDelivery(id: String, webhookID: String, keyID: String, at time: Date) async throws -> Bool {
        try await !rows(
            """
            UPDATE delivery SET status = 'pending', next_attempt = \(time), lease_until = NULL WHERE id = \(id) AND webhook_id = \(webhookID) \
            AND key_id = \(keyID) RETURNING id
            """
        ).isEmpty
    }

    public func releaseDeliveryLeases() async throws {
        try await rows("UPDATE delivery SET lease_until = NULL WHERE lease_until IS NOT NULL")
    }

    // MARK: Rows

    private static func webhook(_ row: PostgresRow) throws -> Webhook {
        let (id, key, url, secret, enabled, reason, created) = try row.decode((String, String, String, String, Bool, String?, Date).self)
        return Webhook(id: id, keyID: key, url: url, secret: secret, enabled: enabled, disabledReason: reason, created: created)
    }

    /// A delivery from `deliveryColumns`, starting at column `offset`.
    private static func delivery(_ row: PostgresRow, offset: Int) throws -> WebhookDelivery {
        let cells = row.makeRandomAccess()
        let attempts = try cells[offset + 5].decode(String.self)
        return WebhookDelivery(
            id: try cells[offset].decode(String.self), webhookID: try cells[offset + 1].decode(String.self),
            keyID: try cells[offset + 2].decode(String.self), alertSeq: try cells[offset + 3].decode(Int64.self),
            status: WebhookDelivery.Status(rawValue: try cells[offset + 4].decode(String.self)) ?? .pending,
            attempts: attempts == "[]" ? [] : try decode(attempts), nextAttempt: try cells[offset + 6].decode(Date?.self),
            created: try cells[offset + 7].decode(Date.self), payload: try cells[offset + 8].decode(String?.self))
    }

    private static func delivery(_ row: PostgresRow) throws -> WebhookDelivery { try delivery(row, offset: 0) }

    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ text: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }
}
