import Foundation
import NewsStore
import PostgresNIO

/// A `NewsQuery` as one SQL statement with binds. Lists become arrays (`= ANY($n)`); text goes through
/// `websearch_to_tsquery`, so nothing a user typed is spliced into SQL (quotes, `or` and `-word` work as on a web
/// search engine, and as `SearchText` reads them for the SQLite store).
struct PostgresSearchPlan {
    let window: SearchWindow
    let query: PostgresQuery

    /// A relevance-ranked search scores the newest this-many matches (as the SQLite store does): scoring every match
    /// of common words would grow with the whole store, and news readers want recent stories first among good matches.
    static let rankWindow = 1000

    /// Binds, and the placeholders that name them.
    private struct Binds {
        var all = PostgresBindings()
        mutating func add<T: PostgresDynamicTypeEncodable>(_ value: T) -> String {
            all.append(value)
            return "$\(all.count)"
        }
    }

    init(_ q: NewsQuery) throws {
        let window = try SearchWindow(q)
        self.window = window
        var b = Binds()
        var text: String?
        if let t = q.text, !t.trimmingCharacters(in: .whitespaces).isEmpty {
            // Read as `websearch_to_tsquery` reads it; what it would take but the other store cannot (no word to look
            // for, an exclusion inside `or`) is refused here as there. PostgreSQL is given the words alone, split as
            // the articles' were (`TextVectors`).
            text = try SearchText(t).websearch
        }
        let direction = window.ascending ? "ASC" : "DESC"
        let columns = PostgresNewsStore.articleColumns
        if !q.tickers.isEmpty, text == nil, q.eventTypes.isEmpty, q.minSentiment == nil, q.maxSentiment == nil, q.sources.isEmpty,
            q.story == nil, q.changedSince == nil
        {
            // The common query (tickers, maybe a date range): the instrument rows alone, through the (symbol, seq) or
            // (symbol, time) index, cut to one page, then those articles. Removed articles have no instrument rows.
            var inner = "SELECT DISTINCT seq FROM article_instrument WHERE symbol = ANY(\(b.add(q.tickers.map { $0.uppercased() })))"
            if let r = q.minRelevance { inner += " AND relevance >= \(b.add(r))" }
            if let e = q.exchange { inner += " AND exchange = \(b.add(e.uppercased()))" }
            if let from = q.from { inner += " AND time >= \(b.add(from))" }
            if let to = q.to { inner += " AND time < \(b.add(to))" }
            if let after = window.after { inner += " AND seq > \(b.add(after))" }
            if let before = window.before { inner += " AND seq < \(b.add(before))" }
            inner += " ORDER BY seq \(direction) LIMIT \(b.add(window.limit + 1)) OFFSET \(b.add(window.offset))"
            query = PostgresQuery(
                unsafeSQL: "SELECT \(columns) FROM (\(inner)) AS hit JOIN article ON article.seq = hit.seq ORDER BY article.seq \(direction)",
                binds: b.all)
            return
        }
        var conditions = ["article.removed_at IS NULL"]
        if !q.tickers.isEmpty {
            var sub = "article.seq IN (SELECT seq FROM article_instrument WHERE symbol = ANY(\(b.add(q.tickers.map { $0.uppercased() })))"
            if let r = q.minRelevance { sub += " AND relevance >= \(b.add(r))" }
            if let e = q.exchange { sub += " AND exchange = \(b.add(e.uppercased()))" }
            conditions.append(sub + ")")
        } else if let e = q.exchange {
            conditions.append("article.seq IN (SELECT seq FROM article_instrument WHERE exchange = \(b.add(e.uppercased())))")
        }
        if !q.eventTypes.isEmpty { conditions.append("article.seq IN (SELECT seq FROM article_event WHERE type = ANY(\(b.add(q.eventTypes))))") }
        if let from = q.from { conditions.append("article.time >= \(b.add(from))") }
        if let to = q.to { conditions.append("article.time < \(b.add(to))") }
        if let s = q.minSentiment { conditions.append("article.sentiment >= \(b.add(s))") }
        if let s = q.maxSentiment { conditions.append("article.sentiment <= \(b.add(s))") }
        if !q.sources.isEmpty { conditions.append("article.source = ANY(\(b.add(q.sources)))") }
        if let story = q.story { conditions.append("article.story = \(b.add(story))") }
        if let since = q.changedSince { conditions.append("coalesce(article.updated, article.received) >= \(b.add(since))") }
        if let after = window.after { conditions.append("article.seq > \(b.add(after))") }
        if let before = window.before { conditions.append("article.seq < \(b.add(before))") }
        if let text { conditions.append("article.tsv @@ websearch_to_tsquery('english', \(b.add(text)))") }
        let filter = conditions.joined(separator: " AND ")
        if window.ranked, let text {
            // Score the newest matches, then read the one page of whole rows.
            let scored = """
                SELECT article.seq, ts_rank_cd(article.tsv, websearch_to_tsquery('english', \(b.add(text)))) AS score FROM article \
                WHERE \(filter) ORDER BY article.seq DESC LIMIT \(Self.rankWindow)
                """
            query = PostgresQuery(
                unsafeSQL: """
                    SELECT \(columns) FROM (\(scored)) AS hit JOIN article ON article.seq = hit.seq \
                    ORDER BY hit.score DESC, article.seq DESC LIMIT \(b.add(window.limit + 1)) OFFSET \(b.add(window.offset))
                    """, binds: b.all)
        } else {
            query = PostgresQuery(
                unsafeSQL: """
                    SELECT \(columns) FROM article WHERE \(filter) ORDER BY article.seq \(direction) \
                    LIMIT \(b.add(window.limit + 1)) OFFSET \(b.add(window.offset))
                    """, binds: b.all)
        }
    }
}
