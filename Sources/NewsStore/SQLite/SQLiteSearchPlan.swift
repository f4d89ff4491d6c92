import Foundation
import GRDB

/// A `NewsQuery` turned into one SQL statement with arguments. Lists become `IN (?, …)` placeholders; text becomes
/// an `FTS5Pattern` of quoted phrases (`SearchText`), so nothing a user typed is spliced into SQL or read as FTS5
/// syntax.
struct SQLiteSearchPlan {
    var sql: String
    var arguments: StatementArguments
    var limit: Int
    let query: NewsQuery
    /// Which page: limit, offset and cursor.
    let window: SearchWindow
    /// For relevance order: the search terms, whose IDF values go first in the arguments (see `RecentBM25`).
    private(set) var rankedTerms: [String]?

    /// A relevance-ranked search scores the newest this-many matches: scoring every match of common words would
    /// grow with the whole store, and news readers want recent stories first among good matches.
    static let rankWindow = 1000

    init(_ q: NewsQuery) throws {
        query = q
        window = try SearchWindow(q)
        limit = window.limit
        var conditions = ["article.removedAt IS NULL"]
        var args: [any DatabaseValueConvertible] = []
        var from = "article"
        var textArgument: (any DatabaseValueConvertible)?
        var phrases: [String] = []
        let (ranked, ascending, offset, after, before) = (window.ranked, window.ascending, window.offset, window.after, window.before)
        if let text = q.text, !text.trimmingCharacters(in: .whitespaces).isEmpty {
            (textArgument, phrases) = try SearchText(text).fts5
        }
        if !q.tickers.isEmpty, textArgument == nil, q.eventTypes.isEmpty, q.minSentiment == nil, q.maxSentiment == nil, q.sources.isEmpty,
            q.story == nil, q.changedSince == nil
        {
            // The common query (tickers, maybe a date range): read the instrument rows alone, through the
            // (symbol, time) or (symbol, seq) index, cut to one page, then fetch those articles. Removed articles
            // have no instrument rows.
            var inner = "SELECT DISTINCT seq FROM article_instrument WHERE symbol IN (\(Self.placeholders(q.tickers.count)))"
            args += q.tickers.map { $0.uppercased() }
            for (column, op, value) in [
                ("relevance", ">=", q.minRelevance.map { $0 as any DatabaseValueConvertible }),
                ("exchange", "=", q.exchange.map { $0.uppercased() as any DatabaseValueConvertible }),
                ("time", ">=", q.from.map { $0.timeIntervalSince1970 as any DatabaseValueConvertible }),
                ("time", "<", q.to.map { $0.timeIntervalSince1970 as any DatabaseValueConvertible }),
                ("seq", ">", after.map { $0 as any DatabaseValueConvertible }), ("seq", "<", before.map { $0 as any DatabaseValueConvertible }),
            ] {
                guard let value else { continue }
                inner += " AND \(column) \(op) ?"
                args.append(value)
            }
            let direction = ascending ? "ASC" : "DESC"
            inner += " ORDER BY seq \(direction) LIMIT ? OFFSET ?"
            args.append(limit + 1)
            args.append(offset)
            sql = "SELECT article.* FROM (\(inner)) AS hit CROSS JOIN article ON article.seq = hit.seq ORDER BY article.seq \(direction)"
            arguments = StatementArguments(args.map { $0.databaseValue })
            return
        }
        if !q.tickers.isEmpty {
            var sub = "article.seq IN (SELECT seq FROM article_instrument WHERE symbol IN (\(Self.placeholders(q.tickers.count)))"
            args += q.tickers.map { $0.uppercased() }
            if let r = q.minRelevance {
                sub += " AND relevance >= ?"
                args.append(r)
            }
            if let e = q.exchange {
                sub += " AND exchange = ?"
                args.append(e.uppercased())
            }
            conditions.append(sub + ")")
        } else if let e = q.exchange {
            conditions.append("article.seq IN (SELECT seq FROM article_instrument WHERE exchange = ?)")
            args.append(e.uppercased())
        }
        if !q.eventTypes.isEmpty {
            conditions.append("article.seq IN (SELECT seq FROM article_event WHERE type IN (\(Self.placeholders(q.eventTypes.count))))")
            args += q.eventTypes
        }
        if let from = q.from {
            conditions.append("article.time >= ?")
            args.append(from.timeIntervalSince1970)
        }
        if let to = q.to {
            conditions.append("article.time < ?")
            args.append(to.timeIntervalSince1970)
        }
        if let s = q.minSentiment {
            conditions.append("article.sentiment >= ?")
            args.append(s)
        }
        if let s = q.maxSentiment {
            conditions.append("article.sentiment <= ?")
            args.append(s)
        }
        if !q.sources.isEmpty {
            conditions.append("article.source IN (\(Self.placeholders(q.sources.count)))")
            args += q.sources
        }
        if let story = q.story {
            conditions.append("article.story = ?")
            args.append(story)
        }
        if let since = q.changedSince {
            conditions.append("coalesce(article.updated, article.received) >= ?")
            args.append(since.timeIntervalSince1970)
        }
        if let after {
            conditions.append("article.seq > ?")
            args.append(after)
        }
        if let before {
            conditions.append("article.seq < ?")
            args.append(before)
        }
        // Catch-up (after a cursor) reads oldest first; otherwise newest first, or best match first.
        var order = ascending ? "article.seq ASC" : "article.seq DESC"
        if let textArgument {
            // The full-text index drives the query: it hands out matches newest first and stops at the limit.
            if ranked {
                rankedTerms = phrases
                let idf = Self.placeholders(phrases.count)
                from =
                    "(SELECT rowid, \(RecentBM25.functionName)(article_fts, \(idf)) AS score FROM article_fts WHERE article_fts MATCH ? "
                    + "ORDER BY rowid DESC LIMIT \(Self.rankWindow)) AS hit CROSS JOIN article ON article.seq = hit.rowid"
                order = "hit.score, article.seq DESC"
            } else {
                from = "article_fts CROSS JOIN article ON article.seq = article_fts.rowid"
                conditions.append("article_fts MATCH ?")
                order = ascending ? "article_fts.rowid ASC" : "article_fts.rowid DESC"
            }
            args.insert(textArgument, at: ranked ? 0 : args.count)
        }
        let filter = "FROM \(from) WHERE \(conditions.joined(separator: " AND ")) ORDER BY \(order) LIMIT ? OFFSET ?"
        if rankedTerms != nil {
            // Rank on the scores and sequence numbers alone, then read the one page of whole rows: sorting whole
            // rows (text and analysis) of the window cost more than scoring it.
            sql =
                "SELECT article.* FROM (SELECT hit.rowid AS seq, hit.score AS score \(filter)) AS page "
                + "CROSS JOIN article ON article.seq = page.seq ORDER BY page.score, article.seq DESC"
        } else {
            sql = "SELECT article.* \(filter)"
        }
        args.append(limit + 1)
        args.append(offset)
        arguments = StatementArguments(args.map { $0.databaseValue })
    }

    /// The cursor that continues after `page`.
    func cursor(after page: [StoredArticle]) -> String? { window.cursor(after: page) }

    static func placeholders(_ n: Int) -> String { Array(repeating: "?", count: n).joined(separator: ", ") }
}
