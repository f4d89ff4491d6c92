import Foundation
import Logging
import NewsModel
import NewsStore
import PostgresNIO

/// The shared store: PostgreSQL through postgres-nio's connection pool, for one node or several sharing a database.
///
/// Every write that adds articles or alerts holds one advisory lock for its transaction (`writeLock`), so sequence
/// numbers commit in order and a reader catching up from a sequence number never skips one that commits late. A
/// batch is a handful of statements whatever its size: rows go in as one JSON array each (`json_to_recordset`), never
/// spliced into SQL. Changes are announced with `NOTIFY` in the writing transaction (delivered at commit): a wake-up
/// hint for other nodes (`changes()`), never the only way to learn of a change.
public final class PostgresNewsStore: NewsStore, @unchecked Sendable {
    let client: PostgresClient
    let logger: Logger
    private let runner: Task<Void, Never>
    private let lock = NSLock()
    /// The months that have an article partition (made once, then remembered).
    private var monthsWithPartitions: Set<Int> = []
    let settings: PostgresSettings

    /// The advisory lock that orders writes of articles and alerts.
    static let writeLock: Int64 = 0x7469_636b_6572  // "ticker"
    /// The advisory lock held while migrating.
    static let migrationLock: Int64 = 0x7469_636b_6d69

    /// Connects to the database at `url` (`postgres://user:password@host:port/database`, optionally with
    /// `?sslmode=require`, or `verify-full&sslrootcert=ca.pem`, as libpq reads them, and `&schema=name`), and brings
    /// its schema up to date. `schema` (or the URL's) keeps this store's tables in a schema of their own, made when
    /// missing.
    public static func open(url: String, schema: String? = nil, logger: Logger = Logger(label: "tickerwire.postgres")) async throws
        -> PostgresNewsStore
    {
        var settings = try PostgresSettings(url: url)
        if let schema { settings.schema = schema }
        // One connection first: a server that is down or refuses us is said so at once (the pool would keep trying).
        do {
            let probe = try await PostgresConnection.connect(configuration: try settings.connectionConfiguration(), id: 0, logger: logger)
            let lz4 = try? await Self.hasLZ4(probe, logger)
            try await probe.close()
            settings.lz4 = lz4 ?? false
        } catch {
            throw StoreUnavailable(
                "cannot connect to PostgreSQL at \(settings.host):\(settings.port) as \(settings.username): \(String(reflecting: error))")
        }
        let store = PostgresNewsStore(settings: settings, logger: logger)
        do {
            try await store.migrate()
        } catch {
            store.close()
            throw error
        }
        return store
    }

    /// Whether the server can compress with lz4 (PostgreSQL 14 and later, built with it, as Debian's and most are).
    private static func hasLZ4(_ conn: PostgresConnection, _ logger: Logger) async throws -> Bool {
        let rows = try await conn.query(
            "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)", logger: logger
        ).collect()
        return !rows.isEmpty
    }

    private init(settings: PostgresSettings, logger: Logger) {
        self.settings = settings
        self.logger = logger
        let client = PostgresClient(configuration: settings.clientConfiguration, backgroundLogger: logger)
        self.client = client
        // The pool works while `run` does; it reconnects on its own after the server restarts.
        runner = Task { await client.run() }
    }

    /// Stops the connection pool.
    public func close() {
        runner.cancel()
    }

    deinit { runner.cancel() }

    private func migrate() async throws {
        if let schema = settings.schema {
            try await rows(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(PostgresSettings.quoted(schema))"))
        }
        // A migration may rewrite a large table: it gets the time it needs.
        try await transaction(within: 3600) { [self] conn in
            try await conn.query("SELECT pg_advisory_xact_lock(\(Self.migrationLock))", logger: logger)
            try await conn.query(
                "CREATE TABLE IF NOT EXISTS schema_migration (id integer PRIMARY KEY, name text NOT NULL, applied timestamptz NOT NULL DEFAULT now())",
                logger: logger)
            let applied = try await conn.query("SELECT coalesce(max(id), 0) FROM schema_migration", logger: logger).collect()
            let done = try applied.first?.decode(Int.self) ?? 0
            for (index, migration) in PostgresMigrations.all.enumerated() where index + 1 > done {
                // One statement at a time: the extended protocol takes one per query.
                for statement in migration.sql.components(separatedBy: ";\n") where !statement.allSatisfy(\.isWhitespace) {
                    try await conn.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await conn.query("INSERT INTO schema_migration (id, name) VALUES (\(index + 1), \(migration.name))", logger: logger)
            }
        }
    }

    // MARK: Partitions

    /// Makes the monthly partitions these arrival times need, each once (another node may make it first).
    func ensurePartitions(for times: [Date]) async throws {
        let months = Set(times.map(Self.month))
        let missing = lock.withLock { months.subtracting(monthsWithPartitions) }
        for month in missing.sorted() {
            let (year, m) = (month / 12, month % 12 + 1)
            let next = month + 1
            let name = "article_\(year)_\(m < 10 ? "0" : "")\(m)"
            let sql = """
                CREATE TABLE IF NOT EXISTS \(name) PARTITION OF article FOR VALUES FROM ('\(year)-\(m)-01 00:00:00+00') \
                TO ('\(next / 12)-\(next % 12 + 1)-01 00:00:00+00')
                """
            do {
                try await rows(PostgresQuery(unsafeSQL: sql))
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == "42P07" || error.serverInfo?[.sqlState] == "23505" {
                // Made by another node at the same moment.
            }
            _ = lock.withLock { monthsWithPartitions.insert(month) }
        }
    }

    /// Months since year 0 (UTC), the partition a time falls in.
    static func month(_ date: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month], from: date)
        return c.year! * 12 + c.month! - 1
    }

    // MARK: Writes

    public func ingest(_ articles: [StoredArticle.Incoming]) async throws -> [IngestOutcome] {
        guard !articles.isEmpty else { return [] }
        try await ensurePartitions(for: articles.map(\.received))
        return try await transaction { [self] conn in
            let staged = try await PostgresIngest.stage(articles, conn, logger)
            try await conn.query("SELECT pg_advisory_xact_lock(\(Self.writeLock))", logger: logger)
            var writer = PostgresIngest(articles: articles, staged: staged, conn: conn, logger: logger)
            return try await writer.run()
        }
    }

    public func remove(_ seq: Int64, at time: Date) async throws -> Bool {
        try await transaction { [self] conn in
            let rows = try await conn.query(
                """
                UPDATE article SET removed_at = \(time), revision = revision + 1 WHERE seq = \(seq) AND removed_at IS NULL \
                RETURNING revision, content_hash
                """, logger: logger
            ).collect()
            guard let row = rows.first else { return false }
            let (revision, hash) = try row.decode((Int, String).self)
            // Out of the ticker and event rows too, so queries that read only those never see it.
            try await Self.deleteIndexRows(of: seq, conn, logger)
            try await conn.query(
                "INSERT INTO article_revision (seq, revision, kind, at, content_hash) VALUES (\(seq), \(revision), 'removed', \(time), \(hash))",
                logger: logger)
            try await conn.query("SELECT pg_notify(\(StoreChange.channel), \(StoreChange.removed(seq).payload))", logger: logger)
            return true
        }
    }

    // MARK: Reads

    /// The columns of `article` that make a `StoredArticle`, as `PostgresArticleRow` reads them.
    static let articleColumns =
        "article.seq, article.external_id, article.source, article.url, article.guid, article.content_hash, article.title, article.body, "
        + "article.published, article.updated, article.received, article.revision, article.analysis"

    public func article(_ seq: Int64) async throws -> StoredArticle? {
        let found = try await rows(
            PostgresQuery(unsafeSQL: "SELECT \(Self.articleColumns) FROM article WHERE seq = $1 AND removed_at IS NULL", binds: Self.binds(seq)))
        return try found.first.map { try PostgresArticleRow.stored($0, decoder: JSONDecoder()) }
    }

    /// Articles by sequence number, removed ones left out.
    func articles(_ seqs: Set<Int64>, _ conn: PostgresConnection) async throws -> [Int64: StoredArticle] {
        guard !seqs.isEmpty else { return [:] }
        let rows = try await conn.query(
            PostgresQuery(
                unsafeSQL: "SELECT \(Self.articleColumns) FROM article WHERE seq = ANY($1) AND removed_at IS NULL", binds: Self.binds(Array(seqs))),
            logger: logger
        ).collect()
        let decoder = JSONDecoder()
        return Dictionary(
            uniqueKeysWithValues: try rows.map {
                let a = try PostgresArticleRow.stored($0, decoder: decoder); return (a.seq, a)
            })
    }

    public func count() async throws -> Int {
        try await rows("SELECT count(*) FROM article WHERE removed_at IS NULL").first?.decode(Int.self) ?? 0
    }

    public func placedStories(after seq: Int64, limit: Int) async throws -> [PlacedStory] {
        try await rows("SELECT seq, story, print FROM story_print WHERE seq > \(seq) ORDER BY seq LIMIT \(limit)").compactMap { row in
            let (seq, story, bytes) = try row.decode((Int64, String, ByteBuffer).self)
            return StoryPrint(bytes: Array(bytes.readableBytesView)).map { PlacedStory(seq: seq, story: story, print: $0) }
        }
    }

    public func newestSeq() async throws -> Int64 {
        try await rows("SELECT coalesce(max(seq), 0) FROM article").first?.decode(Int64.self) ?? 0
    }

    public func removals(since time: Date, limit: Int) async throws -> [Removal] {
        try await rows(
            "SELECT seq, at FROM article_revision WHERE kind = 'removed' AND at >= \(time) ORDER BY at, seq LIMIT \(limit)"
        ).map { row in
            let (seq, at) = try row.decode((Int64, Date).self)
            return Removal(seq: seq, removedAt: at)
        }
    }

    public func revisions(of seq: Int64) async throws -> [Revision] {
        try await rows(
            "SELECT seq, revision, kind, at, content_hash FROM article_revision WHERE seq = \(seq) ORDER BY revision"
        ).map { row in
            let (seq, revision, kind, at, hash) = try row.decode((Int64, Int, String, Date, String).self)
            return Revision(seq: seq, revision: revision, kind: Revision.Kind(rawValue: kind) ?? .updated, at: at, contentHash: hash)
        }
    }

    public func search(_ query: NewsQuery) async throws -> NewsPage {
        let plan = try PostgresSearchPlan(query)
        let found = try await rows(plan.query)
        let decoder = JSONDecoder()
        let page = try found.prefix(plan.window.limit).map { try PostgresArticleRow.stored($0, decoder: decoder) }
        return NewsPage(articles: page, nextCursor: found.count > plan.window.limit ? plan.window.cursor(after: page) : nil)
    }

    // MARK: Helpers

    /// Runs `body` in a transaction on one pooled connection: committed when it returns, rolled back when it throws.
    /// Tried again when the connection fails (see `retrying`): every write here can run twice, since ingest finds
    /// what a first try committed and the others set values.
    func transaction<Result: Sendable>(
        within timeout: Double = transactionTimeout, _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await retrying(within: timeout) { [client, logger] in
            try await client.withConnection { conn in
                try await conn.query("BEGIN", logger: logger)
                do {
                    let result = try await body(conn)
                    try await conn.query("COMMIT", logger: logger)
                    return result
                } catch {
                    _ = try? await conn.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        }
    }

    /// The longest a transaction may take (an ingest batch takes well under a second), and a read.
    static let transactionTimeout = 10.0
    static let readTimeout = 30.0

    /// The rows of one statement, run on any pooled connection (tried again when the connection fails).
    @discardableResult
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await retrying(within: Self.readTimeout) { [client, logger] in try await client.query(query, logger: logger).collect() }
    }

    /// Runs `body` on one pooled connection (tried again when the connection fails).
    func connection<Result: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> Result) async throws -> Result {
        try await retrying(within: Self.readTimeout) { [client] in try await client.withConnection { conn in try await body(conn) } }
    }

    /// Runs `body`, again after 0.1, 0.3 and 0.9 s when the connection to the server fails (the server restarted:
    /// the pool opens new connections) or a try takes longer than `timeout`; then throws `StoreUnavailable`. Other
    /// errors are thrown at once.
    private func retrying<Result: Sendable>(within timeout: Double, _ body: @escaping @Sendable () async throws -> Result) async throws -> Result {
        var delay = 0.1
        for attempt in 1... {
            do {
                return try await Self.deadline(timeout, body)
            } catch  where Self.isConnectionFailure(error) {
                guard attempt < 4 else { throw StoreUnavailable("the PostgreSQL server cannot be reached: \(String(describing: error))") }
                logger.info("the connection to PostgreSQL failed; trying again", metadata: ["in": "\(delay) s", "error": "\(error)"])
                try await Task.sleep(for: .seconds(delay))
                delay *= 3
            }
        }
        fatalError("unreachable")
    }

    /// A try that ran out of time.
    struct TimedOut: Error, CustomStringConvertible {
        var seconds: Double
        var description: String { "no answer from PostgreSQL within \(seconds) s" }
    }

    /// `body`'s result, or `TimedOut` after `seconds`. A query sent just as PostgreSQL shuts down can wait forever on
    /// the closed connection (postgres-nio 1.33 drops a write to a closed channel without failing its query): that
    /// try is left behind, holding its pooled connection, and the caller tries again on another.
    static func deadline<Result: Sendable>(_ seconds: Double, _ body: @escaping @Sendable () async throws -> Result) async throws -> Result {
        let outcome = FirstOutcome<Result>()
        return try await withCheckedThrowingContinuation { continuation in
            outcome.set(continuation)
            let timer = Task {
                try await Task.sleep(for: .seconds(seconds))
                outcome.finish(with: .failure(TimedOut(seconds: seconds)))
            }
            Task {
                do { outcome.finish(with: .success(try await body())) } catch { outcome.finish(with: .failure(error)) }
                timer.cancel()
            }
        }
    }

    /// Whether an error is the connection's (the server went away), not the statement's.
    static func isConnectionFailure(_ error: any Error) -> Bool {
        if error is TimedOut { return true }
        guard let e = error as? PSQLError else { return false }
        if e.code == .server {
            // Connection exceptions, and the server shutting down or starting up.
            let state = e.serverInfo?[.sqlState] ?? ""
            return state.hasPrefix("08") || state.hasPrefix("57P")
        }
        return [.clientClosedConnection, .serverClosedConnection, .connectionError, .uncleanShutdown].contains(e.code)
    }

    /// Bindings of these values, in order.
    static func binds(_ values: any PostgresDynamicTypeEncodable...) -> PostgresBindings {
        var b = PostgresBindings(capacity: values.count)
        for v in values { b.append(v) }
        return b
    }
}

extension PostgresNewsStore {
    /// The schema this store's tables are in, when it has one of its own.
    public var schemaName: String? { settings.schema }

    /// Articles per monthly partition (for tests and operators).
    public func partitionCounts() async throws -> [String: Int] {
        let found = try await rows("SELECT tableoid::regclass::text, count(*) FROM article GROUP BY 1")
        var counts: [String: Int] = [:]
        for row in found {
            let (table, n) = try row.decode((String, Int).self)
            counts[table.split(separator: ".").last.map(String.init) ?? table] = n
        }
        return counts
    }

    /// Whether this store's connections to the server are encrypted (TLS).
    public func isEncrypted() async throws -> Bool {
        try await rows("SELECT coalesce((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false)").first?.decode(Bool.self) ?? false
    }

    /// How the stored bodies are compressed (`lz4`, `pglz`, or `none` for those short enough to stay inline), with
    /// how many of each.
    public func bodyCompression() async throws -> [String: Int] {
        let found = try await rows("SELECT coalesce(pg_column_compression(body), 'none'), count(*) FROM article GROUP BY 1")
        return try Dictionary(uniqueKeysWithValues: found.map { try $0.decode((String, Int).self) })
    }

    /// The articles whose stored words (`TextVectors`, stemmed on the node) differ from what PostgreSQL's own `english`
    /// configuration makes of the same text split at everything but letters and digits: the stored `tsvector` and
    /// PostgreSQL's, for each. There should be none; a search would miss what differs.
    public func wordsDifferingFromPostgres() async throws -> [(seq: Int64, stored: String, postgres: String)] {
        let found = try await rows(
            """
            SELECT seq, tsv::text, postgres::text FROM (SELECT seq, tsv, \
            setweight(to_tsvector('english', regexp_replace(title, '[^[:alnum:]]+', ' ', 'g')), 'A') || \
            setweight(to_tsvector('english', regexp_replace(body, '[^[:alnum:]]+', ' ', 'g')), 'B') AS postgres FROM article) AS a \
            WHERE tsv <> postgres ORDER BY seq
            """)
        return try found.map { try $0.decode((Int64, String, String).self) }.map { (seq: $0.0, stored: $0.1, postgres: $0.2) }
    }

    /// Drops this store's schema and everything in it (tests: each runs in a schema of its own).
    public func dropSchema() async throws {
        guard let schema = settings.schema else { throw PostgresSettingsError("this store has no schema of its own to drop") }
        try await rows(PostgresQuery(unsafeSQL: "DROP SCHEMA \(PostgresSettings.quoted(schema)) CASCADE"))
    }
}
