import Foundation
import Logging
import NewsModel
import NewsStore
import PostgresNIO

/// One `ingest` batch, inside its transaction (the write lock held): a few statements for the whole batch, each with
/// its rows as one JSON array. What is new, a duplicate or an update is decided as the SQLite store does: the same
/// source and guid (or url) is the same article, and otherwise the same content is a duplicate.
struct PostgresIngest {
    let articles: [StoredArticle.Incoming]
    let conn: PostgresConnection
    let logger: Logger

    /// An article of this batch already stored, or waiting to be inserted (an index into `waiting`).
    private enum Ref {
        case stored(Int64)
        case waiting(Int)
    }

    private enum Result {
        case added(Int)
        case duplicate(Ref)
        case updated(seq: Int64, revision: Int)
    }

    /// Articles to insert (indices into `articles`), and the sequence numbers of those inserted so far.
    private var waiting: [Int] = []
    private var inserted: [Int64] = []
    private let now = Date()

    /// The batch's ticker and event rows as JSON, keyed by each article's index in the batch (see `stage`).
    let staged: Staged

    struct Staged: Sendable {
        var instruments: String
        var events: String
    }

    init(articles: [StoredArticle.Incoming], staged: Staged, conn: PostgresConnection, logger: Logger) {
        self.articles = articles
        self.staged = staged
        self.conn = conn
        self.logger = logger
    }

    /// Before the write lock is taken: the batch's rows, keyed by index, parsed into a temporary table (`incoming`,
    /// dropped at commit) with their words stemmed (`tsv`, title weighted over body), and the ticker and event rows as
    /// JSON. Stemming and encoding are most of an insert's work: done here, nodes do them at the same time rather
    /// than one after another under the lock. The long texts (title, body, analysis) go as binary text arrays beside
    /// the JSON of the short fields: neither side then escapes or lexes kilobytes of text a character at a time.
    static func stage(_ articles: [StoredArticle.Incoming], _ conn: PostgresConnection, _ logger: Logger) async throws -> Staged {
        var rows = JSONWriter(capacity: 300 * articles.count)
        var titles: [String] = []
        var bodies: [String] = []
        var analyses: [String] = []
        var vectors: [BinaryTextVector] = []
        var words = TextVectors()
        titles.reserveCapacity(articles.count)
        bodies.reserveCapacity(articles.count)
        analyses.reserveCapacity(articles.count)
        vectors.reserveCapacity(articles.count)
        var instruments = JSONWriter(capacity: 256 * articles.count)
        var events = JSONWriter(capacity: 64 * articles.count)
        rows.beginArray()
        instruments.beginArray()
        events.beginArray()
        for (i, a) in articles.enumerated() {
            rows.beginObject()
            rows.field("i", i)
            rows.field("external_id", a.externalID)
            rows.field("source", a.source)
            rows.field("url", a.url)
            rows.field("guid", a.guid)
            rows.field("content_hash", a.contentHash)
            titles.append(storable(a.title))
            bodies.append(storable(a.body))
            vectors.append(BinaryTextVector(bytes: words.vector(title: titles[i], body: bodies[i])))
            analyses.append(storable(a.analysisJSON ?? a.analysis.json()))
            if let p = a.published { rows.field("published", p.timeIntervalSince1970) }
            rows.field("received", a.received.timeIntervalSince1970)
            rows.field("sentiment", a.analysis.sentiment)
            rows.field("story", a.analysis.story)
            if let n = a.analysis.novelty { rows.field("novelty", n) }
            rows.endObject()
            for m in a.analysis.instruments {
                instruments.beginObject()
                instruments.field("i", i)
                instruments.field("symbol", m.symbol)
                instruments.field("exchange", m.exchange)
                instruments.field("relevance", m.relevance)
                instruments.field("is_primary", m.primary)
                if let s = m.sentiment { instruments.field("sentiment", s) }
                instruments.endObject()
            }
            for type in Set(a.analysis.events.map(\.type)).sorted() {
                events.beginObject()
                events.field("i", i)
                events.field("type", type)
                events.endObject()
            }
        }
        rows.endArray()
        instruments.endArray()
        events.endArray()
        try await conn.query(
            """
            CREATE TEMPORARY TABLE incoming ON COMMIT DROP AS SELECT x.*, t.title, t.body, t.analysis, \
            to_timestamp(coalesce(x.published, x.received)) AS time, \
            t.tsv \
            FROM json_to_recordset(\(text(rows))::json) AS x(i integer, external_id text, source text, url text, guid text, content_hash text, \
            published double precision, received double precision, sentiment double precision, story text, novelty integer) \
            JOIN unnest(\(titles)::text[], \(bodies)::text[], \(analyses)::text[], \(vectors)::tsvector[]) WITH ORDINALITY AS t(title, body, analysis, tsv, n) \
            ON t.n = x.i + 1
            """, logger: logger)
        return Staged(instruments: text(instruments), events: text(events))
    }

    mutating func run() async throws -> [IngestOutcome] {
        let hashes = articles.map(\.contentHash)
        var identities = try await storedIdentities()
        var byHash = try await storedHashes(hashes)
        var results: [Result] = []
        for (i, a) in articles.enumerated() {
            let key = Self.identity(a)
            if let key, let known = identities[key] {
                if known.hash == hashes[i] {
                    results.append(.duplicate(known.ref))
                    continue
                }
                try await insertWaiting()
                let seq = resolve(known.ref)
                let revision = try await update(seq, with: a, hash: hashes[i], index: i)
                identities[key] = (.stored(seq), hashes[i])
                byHash[hashes[i]] = .stored(seq)
                results.append(.updated(seq: seq, revision: revision))
                continue
            }
            if let ref = byHash[hashes[i]] {
                results.append(.duplicate(ref))
                continue
            }
            let ref = Ref.waiting(waiting.count)
            waiting.append(i)
            if let key { identities[key] = (ref, hashes[i]) }
            byHash[hashes[i]] = ref
            results.append(.added(waiting.count - 1))
        }
        try await insertWaiting()
        let outcomes: [IngestOutcome] = results.map {
            switch $0 {
            case .added(let w): .added(seq: inserted[w])
            case .duplicate(let ref): .duplicate(seq: resolve(ref))
            case .updated(let seq, let revision): .updated(seq: seq, revision: revision)
            }
        }
        let alertKeys = try await writeAlerts(outcomes)
        var hints: [StoreChange] = []
        if !inserted.isEmpty { hints.append(.articles(upTo: inserted.max()!)) }
        for case .updated(let seq, _) in outcomes { hints.append(.updated(seq)) }
        if !alertKeys.isEmpty { hints.append(.alerts(keys: alertKeys)) }
        try await PostgresNewsStore.notify(hints, conn, logger)
        return outcomes
    }

    private func resolve(_ ref: Ref) -> Int64 {
        switch ref {
        case .stored(let seq): seq
        case .waiting(let w): inserted[w]
        }
    }

    /// The source and guid (or else url) that make an article the same article, as one string.
    private static func identity(_ a: StoredArticle.Incoming) -> String? {
        if let guid = a.guid, !guid.isEmpty { return "g\u{1}\(a.source ?? "")\u{1}\(guid)" }
        if let url = a.url, !url.isEmpty { return "u\u{1}\(a.source ?? "")\u{1}\(url)" }
        return nil
    }

    /// The stored articles that share an identity with one of the batch, by identity.
    private func storedIdentities() async throws -> [String: (ref: Ref, hash: String)] {
        var keys = JSONWriter(capacity: 128 * articles.count)
        keys.beginArray()
        for a in articles where Self.identity(a) != nil {
            keys.beginObject()
            keys.field("source", a.source ?? "")
            if let guid = a.guid, !guid.isEmpty { keys.field("guid", guid) } else { keys.field("url", a.url ?? "") }
            keys.endObject()
        }
        keys.endArray()
        let rows = try await conn.query(
            """
            SELECT k.source, k.guid, k.url, a.seq, a.content_hash FROM json_to_recordset(\(Self.text(keys))::json) AS k(source text, guid text, url text) \
            JOIN LATERAL (SELECT seq, content_hash FROM article WHERE coalesce(source, '') = k.source AND \
            ((k.guid IS NOT NULL AND guid = k.guid) OR (k.guid IS NULL AND url = k.url)) LIMIT 1) a ON true
            """, logger: logger
        ).collect()
        var found: [String: (ref: Ref, hash: String)] = [:]
        for row in rows {
            let (source, guid, url, seq, hash) = try row.decode((String, String?, String?, Int64, String).self)
            let key = guid.map { "g\u{1}\(source)\u{1}\($0)" } ?? "u\u{1}\(source)\u{1}\(url ?? "")"
            found[key] = (.stored(seq), hash)
        }
        return found
    }

    /// The stored articles with one of these content hashes, the first of each. One index lookup a hash (the
    /// `OFFSET 0` keeps the planner from merging them): a month's partition that grew from empty has no statistics
    /// until autovacuum analyses it, and with `= ANY` the planner then guessed that 100 hashes match half of it and
    /// read all of it, under the write lock, every batch.
    private func storedHashes(_ hashes: [String]) async throws -> [String: Ref] {
        let rows = try await conn.query(
            """
            SELECT h.hash, min(a.seq) FROM unnest(\(hashes)::text[]) AS h(hash) \
            JOIN LATERAL (SELECT seq FROM article WHERE content_hash = h.hash OFFSET 0) a ON true GROUP BY h.hash
            """, logger: logger
        ).collect()
        var found: [String: Ref] = [:]
        for row in rows {
            let (hash, seq) = try row.decode((String, Int64).self)
            found[hash] = .stored(seq)
        }
        return found
    }

    /// Inserts the articles waiting, with their ticker, event and revision rows: sequence numbers in batch order.
    private mutating func insertWaiting() async throws {
        let new = Array(waiting[inserted.count...])
        guard !new.isEmpty else { return }
        let seqs = try await conn.query("SELECT nextval('article_seq') FROM generate_series(1, \(new.count))", logger: logger).collect()
            .map { try $0.decode(Int64.self) }.sorted()
        try await conn.query(
            PostgresQuery(
                unsafeSQL: """
                    INSERT INTO article (seq, external_id, source, url, guid, content_hash, title, body, published, received, time, revision, \
                    sentiment, story, novelty, analysis, tsv) \
                    SELECT s.seq, x.external_id, x.source, x.url, x.guid, x.content_hash, x.title, x.body, to_timestamp(x.published), \
                    to_timestamp(x.received), x.time, 1, x.sentiment, x.story, x.novelty, x.analysis, x.tsv FROM incoming x JOIN \(Self.flushRows) ON s.i = x.i \
                    ORDER BY s.seq
                    """, binds: Self.flushBinds(new, seqs)), logger: logger)
        try await conn.query(
            PostgresQuery(
                unsafeSQL: """
                    INSERT INTO article_revision (seq, revision, kind, at, content_hash) \
                    SELECT s.seq, 1, 'created', to_timestamp(x.received), x.content_hash FROM incoming x JOIN \(Self.flushRows) ON s.i = x.i
                    """, binds: Self.flushBinds(new, seqs)), logger: logger)
        try await insertIndexRows(indices: new, seqs: seqs, time: nil)
        try await insertStoryPrints(indices: new, seqs: seqs)
        inserted += seqs
    }

    /// The ticker and event rows of these articles (batch indices, sequence numbers), dated `time` or else as the
    /// article is.
    private func insertIndexRows(indices: [Int], seqs: [Int64], time: Date?) async throws {
        for (rows, sql) in [
            (
                staged.instruments,
                """
                INSERT INTO article_instrument (seq, symbol, exchange, relevance, is_primary, sentiment, time) \
                SELECT s.seq, m.symbol, m.exchange, m.relevance, m.is_primary, m.sentiment, coalesce($4::timestamptz, x.time) \
                FROM json_to_recordset($3::json) AS m(i integer, symbol text, exchange text, relevance integer, is_primary boolean, \
                sentiment double precision) JOIN \(Self.flushRows) ON s.i = m.i JOIN incoming x ON x.i = m.i
                """
            ),
            (
                staged.events,
                """
                INSERT INTO article_event (seq, type, time) SELECT s.seq, e.type, coalesce($4::timestamptz, x.time) \
                FROM json_to_recordset($3::json) AS e(i integer, type text) JOIN \(Self.flushRows) ON s.i = e.i JOIN incoming x ON x.i = e.i
                """
            ),
        ] {
            var binds = Self.flushBinds(indices, seqs)
            binds.append(rows)
            binds.append(time)
            try await conn.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
        }
    }

    /// A flush's articles, from `$1` and `$2` (`flushBinds`): index in the batch → sequence number.
    private static let flushRows = "unnest($1::integer[], $2::bigint[]) AS s(i, seq)"

    /// `$1`, `$2`: a flush's batch indices and their sequence numbers.
    private static func flushBinds(_ indices: [Int], _ seqs: [Int64]) -> PostgresBindings {
        var b = PostgresBindings()
        b.append(indices.map(Int32.init))
        b.append(seqs)
        return b
    }

    /// A changed article under a known identity: a new revision, its ticker and event rows replaced (none while it
    /// stays removed).
    private func update(_ seq: Int64, with a: StoredArticle.Incoming, hash: String, index: Int) async throws -> Int {
        try await PostgresNewsStore.deleteIndexRows(of: seq, conn, logger)
        let rows = try await conn.query(
            """
            UPDATE article SET external_id = x.external_id, source = x.source, url = x.url, guid = x.guid, content_hash = x.content_hash, \
            title = x.title, body = x.body, published = coalesce(to_timestamp(x.published), article.published), \
            time = coalesce(to_timestamp(x.published), article.published, article.time), updated = to_timestamp(x.received), \
            revision = article.revision + 1, sentiment = x.sentiment, story = x.story, novelty = x.novelty, analysis = x.analysis, tsv = x.tsv \
            FROM incoming x WHERE x.i = \(index) AND article.seq = \(seq) RETURNING article.revision, article.removed_at IS NOT NULL, article.time
            """, logger: logger
        ).collect()
        guard let row = rows.first else { throw PostgresSettingsError("article \(seq) vanished during its update") }
        let (revision, removed, time) = try row.decode((Int, Bool, Date).self)
        if !removed { try await insertIndexRows(indices: [index], seqs: [seq], time: time) }
        try await conn.query(
            "INSERT INTO article_revision (seq, revision, kind, at, content_hash) VALUES (\(seq), \(revision), 'updated', \(a.received), \(hash))",
            logger: logger)
        return revision
    }

    // MARK: Alerts

    /// The outbox, in the article's transaction, as the SQLite store keeps it: alerts bound for webhooks, or for a
    /// key with a live stream, filed now with their deliveries; the rest in outbox rows for `fanOutAlerts`. Returns
    /// the keys that got alerts now.
    private func writeAlerts(_ outcomes: [IngestOutcome]) async throws -> Set<String> {
        var filed: [(seq: Int64, story: String, alert: PendingAlert)] = []
        var outbox = JSONWriter(capacity: 1024)
        outbox.beginArray()
        var outboxRows = 0
        for (a, outcome) in zip(articles, outcomes) where !a.alerts.isEmpty {
            if case .duplicate = outcome { continue }
            let story = a.analysis.story ?? "article:\(outcome.seq)"
            let waiting = a.alerts.filter { !$0.isFiledWithArticle }
            filed += a.alerts.filter(\.isFiledWithArticle).map { (outcome.seq, story, $0) }
            for row in AlertOutboxRow.rows(waiting) {
                outbox.beginObject()
                outbox.field("article_seq", Int(outcome.seq))
                outbox.field("story", story)
                outbox.field("alerts", row)
                outbox.endObject()
                outboxRows += 1
            }
        }
        outbox.endArray()
        if outboxRows > 0 {
            try await conn.query(
                """
                INSERT INTO alert_outbox (article_seq, story, created, alerts) SELECT article_seq, story, \(now), alerts \
                FROM json_to_recordset(\(Self.text(outbox))::json) AS x(article_seq bigint, story text, alerts text)
                """, logger: logger)
        }
        guard !filed.isEmpty else { return [] }
        var rows = JSONWriter(capacity: 128 * filed.count)
        rows.beginArray()
        for (i, f) in filed.enumerated() {
            rows.beginObject()
            rows.field("i", i)
            rows.field("key_id", f.alert.keyID)
            rows.field("rule_id", f.alert.ruleID)
            rows.field("rule_name", f.alert.ruleName)
            rows.field("article_seq", Int(f.seq))
            rows.field("story", f.story)
            rows.endObject()
        }
        rows.endArray()
        // A rule that fired for the story already is skipped (the unique key on story and rule).
        let added = try await conn.query(
            """
            INSERT INTO alert (key_id, rule_id, rule_name, article_seq, story, created) SELECT key_id, rule_id, rule_name, article_seq, story, \(now) \
            FROM json_to_recordset(\(Self.text(rows))::json) AS x(i integer, key_id text, rule_id text, rule_name text, article_seq bigint, story text) \
            ORDER BY i ON CONFLICT (story, rule_id) DO NOTHING RETURNING seq, article_seq, rule_id
            """, logger: logger
        ).collect()
        var alertSeq: [String: Int64] = [:]
        for row in added {
            let (seq, articleSeq, ruleID) = try row.decode((Int64, Int64, String).self)
            alertSeq["\(articleSeq)\u{1}\(ruleID)"] = seq
        }
        var deliveries = JSONWriter(capacity: 128 * filed.count)
        deliveries.beginArray()
        var keys: Set<String> = []
        for f in filed {
            guard let seq = alertSeq["\(f.seq)\u{1}\(f.alert.ruleID)"] else { continue }
            keys.insert(f.alert.keyID)
            for (id, webhook) in zip(f.alert.deliveryIDs, f.alert.webhooks) {
                deliveries.beginObject()
                deliveries.field("id", id)
                deliveries.field("webhook_id", webhook)
                deliveries.field("key_id", f.alert.keyID)
                deliveries.field("alert_seq", Int(seq))
                if let lease = f.alert.leasedUntil { deliveries.field("lease_until", lease.timeIntervalSince1970) }
                deliveries.endObject()
            }
        }
        deliveries.endArray()
        try await conn.query(
            """
            INSERT INTO delivery (id, webhook_id, key_id, alert_seq, status, attempts, next_attempt, lease_until, created) \
            SELECT id, webhook_id, key_id, alert_seq, 'pending', '[]', \(now), to_timestamp(lease_until), \(now) \
            FROM json_to_recordset(\(Self.text(deliveries))::json) AS x(id text, webhook_id text, key_id text, alert_seq bigint, lease_until double precision)
            """, logger: logger)
        return keys
    }

    // MARK: Text

    /// JSON written by `JSONWriter`, as text for a bind.
    private static func text(_ w: JSONWriter) -> String { String(decoding: w.bytes, as: UTF8.self) }

    /// The story prints of newly inserted articles (those that have one), for other nodes' story indexes.
    private func insertStoryPrints(indices: [Int], seqs: [Int64]) async throws {
        var printed: [Int64] = []
        var stories: [String] = []
        var prints: [ByteBuffer] = []
        for (i, seq) in zip(indices, seqs) {
            guard let print = articles[i].storyPrint, let story = articles[i].analysis.story else { continue }
            printed.append(seq)
            stories.append(story)
            prints.append(ByteBuffer(bytes: print.bytes))
        }
        guard !printed.isEmpty else { return }
        try await conn.query(
            "INSERT INTO story_print (seq, story, print) SELECT * FROM unnest(\(printed)::bigint[], \(stories)::text[], \(prints)::bytea[])",
            logger: logger)
    }

    /// Text PostgreSQL can store: it has no NUL character.
    static func storable(_ s: String) -> String {
        // memchr over the bytes: a byte-wise `contains` over kilobytes of every article was a percent of an ingest.
        let hasNUL =
            s.utf8.withContiguousStorageIfAvailable { buf in
                buf.baseAddress.map { memchr($0, 0, buf.count) != nil } ?? false
            } ?? s.utf8.contains(0)
        return hasNUL ? s.replacingOccurrences(of: "\u{0}", with: "") : s
    }
}
