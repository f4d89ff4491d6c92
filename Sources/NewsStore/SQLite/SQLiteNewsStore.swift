import Foundation
import GRDB

/// The embedded store: one SQLite file in WAL mode behind one `DatabasePool` (readers never wait for the writer).
///
/// Each write is one named method running one transaction. User search text reaches SQL only through
/// `FTS5Pattern`; every other value is a statement argument.
public final class SQLiteNewsStore: NewsStore {
    let pool: DatabasePool

    /// Opens (creating when needed) the database at `path` and brings its schema up to date.
    public init(path: String) throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // NORMAL is durable in WAL mode against a process crash (kill -9); only an OS crash can lose the last commits.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        pool = try DatabasePool(path: path, configuration: config)
        try NewsMigrations.migrator.migrate(pool)
    }

    // MARK: Writes

    public func ingest(_ articles: [StoredArticle.Incoming]) async throws -> [IngestOutcome] {
        let encoder = JSONEncoder()
        return try await pool.write { db in
            try articles.map { try Self.ingest($0, encoder: encoder, db) }
        }
    }

    private static func ingest(_ a: StoredArticle.Incoming, encoder: JSONEncoder, _ db: Database) throws -> IngestOutcome {
        let hash = a.contentHash
        if let existing = try existingByIdentity(a, db) {
            if existing.contentHash == hash { return .duplicate(seq: existing.seq!) }
            return try update(existing, with: a, hash: hash, encoder: encoder, db)
        }
        // Cached statements: a lookup per arriving article should not compile SQL each time.
        if let same = try Int64.fetchOne(db.cachedStatement(sql: "SELECT seq FROM article WHERE contentHash = ? LIMIT 1"), arguments: [hash]) {
            return .duplicate(seq: same)
        }
        var record = ArticleRecord(a, contentHash: hash, analysis: try a.analysisJSON ?? json(a.analysis, encoder))
        try record.insert(db)
        let seq = record.seq!
        try insertIndexRows(seq: seq, a.analysis, time: record.time, db)
        try ArticleRevisionRecord(seq: seq, revision: 1, kind: Revision.Kind.created.rawValue, at: record.received, contentHash: hash).insert(db)
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
        _ old: ArticleRecord, with a: StoredArticle.Incoming, hash: String, encoder: JSONEncoder, _ db: Database
    ) throws -> IngestOutcome {
        var record = ArticleRecord(a, contentHash: hash, analysis: try a.analysisJSON ?? json(a.analysis, encoder))
        record.seq = old.seq
        record.revision = old.revision + 1
        record.published = a.published?.timeIntervalSince1970 ?? old.published
        record.time = record.published ?? old.time
        record.received = old.received
        record.updated = a.received.timeIntervalSince1970
        record.removedAt = old.removedAt
        try record.update(db)
        let seq = old.seq!
        try ArticleInstrumentRecord.filter(ArticleInstrumentRecord.Columns.seq == seq).deleteAll(db)
        try ArticleEventRecord.filter(ArticleEventRecord.Columns.seq == seq).deleteAll(db)
        if record.removedAt == nil { try insertIndexRows(seq: seq, a.analysis, time: record.time, db) }
        try ArticleRevisionRecord(
            seq: seq, revision: record.revision, kind: Revision.Kind.updated.rawValue, at: record.updated!, contentHash: hash
        ).insert(db)
        return .updated(seq: seq, revision: record.revision)
    }

    private static func insertIndexRows(seq: Int64, _ analysis: StoredArticle.Analysis, time: Double, _ db: Database) throws {
        for i in analysis.instruments {
            try ArticleInstrumentRecord(
                seq: seq, symbol: i.symbol, exchange: i.exchange, relevance: i.relevance, isPrimary: i.primary, sentiment: i.sentiment, time: time
            ).insert(db)
        }
        for type in Set(analysis.events.map(\.type)).sorted() { try ArticleEventRecord(seq: seq, type: type, time: time).insert(db) }
    }

    public func remove(_ seq: Int64, at time: Date) async throws -> Bool {
        try await pool.write { db in
            guard var record = try ArticleRecord.fetchOne(db, key: seq), record.removedAt == nil else { return false }
            record.removedAt = time.timeIntervalSince1970
            record.revision += 1
            try record.update(db)
            // Out of the ticker and event rows too, so queries that read only those never see it.
            try ArticleInstrumentRecord.filter(ArticleInstrumentRecord.Columns.seq == seq).deleteAll(db)
            try ArticleEventRecord.filter(ArticleEventRecord.Columns.seq == seq).deleteAll(db)
            try ArticleRevisionRecord(
                seq: seq, revision: record.revision, kind: Revision.Kind.removed.rawValue, at: time.timeIntervalSince1970,
                contentHash: record.contentHash
            ).insert(db)
            return true
        }
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

    public func removals(since time: Date, limit: Int) async throws -> [Removal] {
        try await pool.read { db in
            try ArticleRevisionRecord
                .filter(
                    ArticleRevisionRecord.Columns.kind == Revision.Kind.removed.rawValue
                        && ArticleRevisionRecord.Columns.at >= time.timeIntervalSince1970
                )
                .order(ArticleRevisionRecord.Columns.at, ArticleRevisionRecord.Columns.seq)
                .limit(limit)
                .fetchAll(db)
                .map { Removal(seq: $0.seq, removedAt: Date(timeIntervalSince1970: $0.at)) }
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
        let plan = try SQLiteSearchPlan(query)
        return try await pool.read { db in
            let rows = try ArticleRecord.fetchAll(db, sql: plan.sql, arguments: plan.arguments)
            let decoder = JSONDecoder()
            let page = try rows.prefix(plan.limit).map { try $0.stored(decoder: decoder) }
            let next = rows.count > plan.limit ? plan.cursor(after: page) : nil
            return NewsPage(articles: page, nextCursor: next)
        }
    }

    private static func json(_ analysis: StoredArticle.Analysis, _ encoder: JSONEncoder) throws -> String {
        String(decoding: try encoder.encode(analysis), as: UTF8.self)
    }
}
