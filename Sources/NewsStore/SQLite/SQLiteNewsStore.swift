import Foundation
import GRDB
import NewsModel

/// The embedded store: one SQLite file in WAL mode behind one `DatabasePool` (readers never wait for the writer).
///
/// Each write is one named method running one transaction. User search text reaches SQL only through
/// `FTS5Pattern`; every other value is a statement argument.
public final class SQLiteNewsStore: NewsStore {
    let pool: DatabasePool
    private let checkpointer: WALCheckpointer

    /// Opens (creating when needed) the database at `path` and brings its schema up to date.
    public init(path: String) throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // NORMAL is durable in WAL mode against a process crash (kill -9); only an OS crash can lose the last commits.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 8 KB pages hold a typical article (text and analysis) without overflow pages; this takes effect only
            // when the file is created.
            try db.execute(sql: "PRAGMA page_size = 8192")
            // Checkpoints run on a connection of their own (WALCheckpointer), not inside the writer's commits.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
            RecentBM25.register(db)
        }
        pool = try DatabasePool(path: path, configuration: config)
        try NewsMigrations.migrator.migrate(pool)
        checkpointer = try WALCheckpointer(path: path)
    }

    // MARK: Writes

    public func ingest(_ articles: [StoredArticle.Incoming]) async throws -> [IngestOutcome] {
        let outcomes = try await pool.write { db in
            try articles.map { try Self.ingest($0, db) }
        }
        checkpointer.request()
        return outcomes
    }

    private static func ingest(_ a: StoredArticle.Incoming, _ db: Database) throws -> IngestOutcome {
        let hash = a.contentHash
        if let existing = try existingByIdentity(a, db) {
            if existing.contentHash == hash { return .duplicate(seq: existing.seq!) }
            let outcome = try update(existing, with: a, hash: hash, db)
            try writeAlerts(a, seq: existing.seq!, db)
            return outcome
        }
        // Cached statements: a lookup per arriving article should not compile SQL each time.
        if let same = try Int64.fetchOne(db.cachedStatement(sql: "SELECT seq FROM article WHERE contentHash = ? LIMIT 1"), arguments: [hash]) {
            return .duplicate(seq: same)
        }
        let record = ArticleRecord(a, contentHash: hash, analysis: a.analysisJSON ?? a.analysis.json())
        // The hot path of every ingest: cached statements with positional arguments (the record's `insert` encodes
        // through `Codable` and key paths, a third of the writer's time in profiles).
        try db.cachedStatement(
            sql: """
                INSERT INTO article (externalID, source, url, guid, contentHash, title, body, published, updated, received, time, \
                revision, removedAt, sentiment, story, novelty, analysis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, 1, NULL, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            record.externalID, record.source, record.url, record.guid, hash, record.title, record.body, record.published, record.received,
            record.time, record.sentiment, record.story, record.novelty, record.analysis,
        ])
        let seq = db.lastInsertedRowID
        try insertIndexRows(seq: seq, a.analysis, time: record.time, db)
        if let print = a.storyPrint, let story = a.analysis.story {
            try db.cachedStatement(sql: "INSERT INTO story_print (seq, story, print) VALUES (?, ?, ?)")
                .execute(arguments: [seq, story, Data(print.bytes)])
        }
        try db.cachedStatement(sql: "INSERT INTO article_revision (seq, revision, kind, at, contentHash) VALUES (?, 1, ?, ?, ?)")
            .execute(arguments: [seq, Revision.Kind.created.rawValue, record.received, hash])
        try writeAlerts(a, seq: seq, db)
        return .added(seq: seq)
    }

    /// The stored article with the same source and guid, or else the same source and url.
    private static func existingByIdentity(_ a: StoredArticle.Incoming, _ db: Database) throws -> ArticleRecord? {
        if let guid = a.guid, !guid.isEmpty {
            return try ArticleRecord.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM article WHERE source IS ? AND guid = ?"), arguments: [a.source, guid])
        }
        if let url = a.url, !url.isEmpty {
            return try ArticleRecord.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM article WHERE source IS ? AND url = ?"), arguments: [a.source, url])
        }
        return nil
    }

    private static func update(
        _ old: ArticleRecord, with a: StoredArticle.Incoming, hash: String, _ db: Database
    ) throws -> IngestOutcome {
        var record = ArticleRecord(a, contentHash: hash, analysis: a.analysisJSON ?? a.analysis.json())
        record.seq = old.seq
        record.revision = old.revision + 1
        record.published = a.published?.timeIntervalSince1970 ?? old.published
        record.time = record.published ?? old.time
        record.received = old.received
        record.updated = a.received.timeIntervalSince1970
        record.removedAt = old.removedAt
        try record.update(db)
        let seq = old.seq!
        try deleteIndexRows(of: old, db)
        if record.removedAt == nil { try insertIndexRows(seq: seq, a.analysis, time: record.time, db) }
        try ArticleRevisionRecord(
            seq: seq, revision: record.revision, kind: Revision.Kind.updated.rawValue, at: record.updated!, contentHash: hash
        ).insert(db)
        return .updated(seq: seq, revision: record.revision)
    }

    /// Deletes an article's ticker and event rows through the (symbol, seq) and (type, seq) indexes, with the
    /// symbols and types its stored analysis names: a per-seq index on each table would cost every insert.
    private static func deleteIndexRows(of record: ArticleRecord, _ db: Database) throws {
        let seq = record.seq!
        let old = try JSONDecoder().decode(StoredArticle.Analysis.self, from: Data(record.analysis.utf8))
        let instrument = try db.cachedStatement(sql: "DELETE FROM article_instrument WHERE symbol = ? AND seq = ?")
        for symbol in Set(old.instruments.map(\.symbol)) { try instrument.execute(arguments: [symbol, seq]) }
        let event = try db.cachedStatement(sql: "DELETE FROM article_event WHERE type = ? AND seq = ?")
        for type in Set(old.events.map(\.type)) { try event.execute(arguments: [type, seq]) }
    }

    private static func insertIndexRows(seq: Int64, _ analysis: StoredArticle.Analysis, time: Double, _ db: Database) throws {
        let instrument = try db.cachedStatement(
            sql: "INSERT INTO article_instrument (seq, symbol, exchange, relevance, isPrimary, sentiment, time) VALUES (?, ?, ?, ?, ?, ?, ?)")
        for i in analysis.instruments {
            try instrument.execute(arguments: [seq, i.symbol, i.exchange, i.relevance, i.primary, i.sentiment, time])
        }
        let event = try db.cachedStatement(sql: "INSERT INTO article_event (seq, type, time) VALUES (?, ?, ?)")
        for type in Set(analysis.events.map(\.type)).sorted() { try event.execute(arguments: [seq, type, time]) }
    }

    public func remove(_ seq: Int64, at time: Date) async throws -> Bool {
        try await pool.write { db in
            guard var record = try ArticleRecord.fetchOne(db, key: seq), record.removedAt == nil else { return false }
            record.removedAt = time.timeIntervalSince1970
            record.revision += 1
            try record.update(db)
            // Out of the ticker and event rows too, so queries that read only those never see it.
            try Self.deleteIndexRows(of: record, db)
            try ArticleRevisionRecord(
                seq: seq, revision: record.revision, kind: Revision.Kind.removed.rawValue, at: time.timeIntervalSince1970,
                contentHash: record.contentHash
            ).insert(db)
            return true
        }
    }

    /// Copies the write-ahead log into the database file and empties it (after an import, so the next open and
    /// every read start from a small log).
    public func checkpoint() throws {
        try checkpointer.truncate()
    }

    /// Merges the full-text index into one segment and refreshes the planner's statistics: worth it after a bulk
    /// import (text searches over a million articles get about a third faster).
    public func optimize() async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO article_fts(article_fts) VALUES('optimize')")
            try db.execute(sql: "PRAGMA optimize")
        }
    }

    // MARK: Reads

    public func article(_ seq: Int64) async throws -> StoredArticle? {
        try await pool.read { db in
            try ArticleRecord.filter(key: seq).filter(ArticleRecord.Columns.removedAt == nil).fetchOne(db)?.stored(decoder: JSONDecoder())
        }
    }

    public func count() async throws -> Int {
        try await pool.read { db in try ArticleRecord.filter(ArticleRecord.Columns.removedAt == nil).fetchCount(db) }
    }

    public func placedStories(after seq: Int64, limit: Int) async throws -> [PlacedStory] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT seq, story, print FROM story_print WHERE seq > ? ORDER BY seq LIMIT ?", arguments: [seq, limit])
                .compactMap { row in
                    let bytes: Data = row["print"]
                    return StoryPrint(bytes: Array(bytes)).map { PlacedStory(seq: row["seq"], story: row["story"], print: $0) }
                }
        }
    }

    public func newestSeq() async throws -> Int64 {
        try await pool.read { db in try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM article") ?? 0 }
    }

    public func removals(since time: Date, limit: Int) async throws -> [Removal] {
        try await pool.read { db in
            // The kind is a literal, so the partial index of removals serves the query.
            try ArticleRevisionRecord.fetchAll(
                db, sql: "SELECT * FROM article_revision WHERE kind = 'removed' AND at >= ? ORDER BY at, seq LIMIT ?",
                arguments: [time.timeIntervalSince1970, limit]
            ).map { Removal(seq: $0.seq, removedAt: Date(timeIntervalSince1970: $0.at)) }
        }
    }

    public func revisions(of seq: Int64) async throws -> [Revision] {
        try await pool.read { db in
            try ArticleRevisionRecord.filter(ArticleRevisionRecord.Columns.seq == seq).order(ArticleRevisionRecord.Columns.revision).fetchAll(db).map
            {
                Revision(
                    seq: $0.seq, revision: $0.revision, kind: Revision.Kind(rawValue: $0.kind) ?? .updated, at: Date(timeIntervalSince1970: $0.at),
                    contentHash: $0.contentHash)
            }
        }
    }

    public func search(_ query: NewsQuery) async throws -> NewsPage {
        return try await pool.read { db in
            var plan = try SQLiteSearchPlan(query)
            if let terms = plan.rankedTerms { plan.arguments = try StatementArguments(RecentBM25.idf(of: terms, db)) + plan.arguments }
            let rows = try ArticleRecord.fetchAll(db, sql: plan.sql, arguments: plan.arguments)
            let decoder = JSONDecoder()
            let page = try rows.prefix(plan.limit).map { try $0.stored(decoder: decoder) }
            let next = rows.count > plan.limit ? plan.cursor(after: page) : nil
            return NewsPage(articles: page, nextCursor: next)
        }
    }
}
