import Foundation
import GRDB
import GRDBSQLite

/// BM25 ranking with document frequencies taken from the newest articles.
///
/// FTS5's own `bm25()` counts, on its first call in a query, every document that holds each search term: for a
/// common word in a million articles that scan was most of an 80 ms search, however few rows were then scored.
/// Here the frequencies come from the newest `sampleSize` articles (a seek on the rowid, so the cost follows the
/// sample, not the store) and are passed to `tw_bm25`, an FTS5 auxiliary function that scores a row from its own
/// term counts and lengths, as `bm25()` does. For news, rarity among recent stories is the rarity that matters.
enum RecentBM25 {
    static let functionName = "tw_bm25"
    static let sampleSize: Int64 = 20_000
    /// Title words count twice: a story whose headline has the words is about them.
    static let titleWeight = 2.0
    static let k1 = 1.2
    static let b = 0.75

    /// Makes `tw_bm25(article_fts, idf…)` available on this connection.
    static func register(_ db: Database) {
        let api = FTS5.api(db)
        _ = api.pointee.xCreateFunction(UnsafeMutablePointer(mutating: api), functionName, nil, score, nil)
    }

    /// The inverse document frequency of each term (an FTS5 phrase, `SearchText.fts5`) among the newest articles.
    static func idf(of terms: [String], _ db: Database) throws -> [Double] {
        let newest = try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM article_fts") ?? 0
        let floor = max(0, newest - sampleSize)
        let n = Double(newest - floor)
        let count = try db.cachedStatement(sql: "SELECT count(*) FROM article_fts WHERE article_fts MATCH ? AND rowid > ?")
        return try terms.map { term in
            let df = Double(try Int.fetchOne(count, arguments: [try FTS5Pattern(rawPattern: term), floor]) ?? 0)
            return max(1e-6, log((n - df + 0.5) / (df + 0.5)))
        }
    }

    /// The score of the current row, negated as FTS5 ranks (lower is better). Arguments: the IDF of each phrase.
    private static let score: fts5_extension_function = { api, fts, context, argc, argv in
        guard let x = api?.pointee, let fts, let context else { return }
        var rows: Int64 = 0
        _ = x.xRowCount(fts, &rows)
        var totalTokens: Int64 = 0
        var length: Int64 = 0
        for column in 0..<x.xColumnCount(fts) {
            var columnTotal: Int64 = 0
            var size: Int32 = 0
            _ = x.xColumnTotalSize(fts, column, &columnTotal)
            _ = x.xColumnSize(fts, column, &size)
            totalTokens += columnTotal
            length += Int64(size)
        }
        let averageLength = rows > 0 && totalTokens > 0 ? Double(totalTokens) / Double(rows) : 1
        let phrases = Int(x.xPhraseCount(fts))
        var instances: Int32 = 0
        _ = x.xInstCount(fts, &instances)
        withUnsafeTemporaryAllocation(of: Double.self, capacity: max(phrases, 1)) { frequency in
            frequency.initialize(repeating: 0)
            for i in 0..<instances {
                var phrase: Int32 = 0
                var column: Int32 = 0
                var offset: Int32 = 0
                guard x.xInst(fts, i, &phrase, &column, &offset) == SQLITE_OK, Int(phrase) < phrases else { continue }
                frequency[Int(phrase)] += column == 0 ? titleWeight : 1
            }
            var total = 0.0
            let norm = k1 * (1 - b + b * Double(length) / averageLength)
            for p in 0..<phrases {
                let idf = p < Int(argc) ? sqlite3_value_double(argv![p]) : 1
                let tf = frequency[p]
                total += idf * tf * (k1 + 1) / (tf + norm)
            }
            sqlite3_result_double(context, -total)
        }
    }
}
