import ArgumentParser
import Foundation
import NewsAnalysis
import NewsStore

/// `tickerwire search [QUERY] [--tickers …] [--from …] [--to …] [--events …]`: the stored news, newest first.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search stored articles by words, tickers, events and dates.",
        discussion: """
            QUERY's words must all appear in the title or body (any order; "grow" also finds "growing"). Results are \
            newest first, or best match first with --relevance. Comma-separated lists match any of their values.
            """)

    @Argument(help: "Words to look for (optional).")
    var query: String?

    @Option(help: "Tickers, comma-separated (e.g. AAPL,MSFT).")
    var tickers: String?

    @Option(help: "Event types, comma-separated (e.g. earnings,analyst_rating).")
    var events: String?

    @Option(help: "From this time or day (ISO 8601), inclusive.")
    var from: String?

    @Option(help: "Up to this time or day (ISO 8601), exclusive.")
    var to: String?

    @Option(help: "Only tickers mentioned with at least this relevance (0–100).")
    var minRelevance: Int?

    @Option(help: "How many articles to show.")
    var limit = 20

    @ArgumentParser.Flag(help: "Best match first instead of newest first.")
    var relevance = false

    @ArgumentParser.Flag(help: "One JSON object a line instead of text.")
    var json = false

    @Option(help: "Data directory: the store is DATA/tickerwire.sqlite.")
    var data: String = "./data"

    func run() throws {
        let path = (data as NSString).appendingPathComponent("tickerwire.sqlite")
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("no news store at \(path): run `tickerwire ingest FILE` (or `serve`) first")
        }
        let store = try SQLiteNewsStore(path: path)
        var q = NewsQuery(limit: limit, order: relevance ? .relevance : .newest)
        q.text = query
        q.tickers = Self.list(tickers)
        q.eventTypes = Self.list(events)
        q.minRelevance = minRelevance
        q.from = try from.map { try Self.time($0, "--from") }
        q.to = try to.map { try Self.time($0, "--to") }
        let query = q
        let page: NewsPage
        do { page = try blocking { try await store.search(query) } } catch let e as NewsQueryError { throw ValidationError(e.description) }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for a in page.articles {
            if json {
                print(String(decoding: try encoder.encode(a), as: UTF8.self))
            } else {
                let when = DateParsing.isoString(a.published ?? a.received)
                let symbols = a.analysis.instruments.map(\.symbol).joined(separator: ",")
                print("\(a.seq)  \(when)  [\(symbols)]  \(a.title)")
            }
        }
        if !json { print("\(page.articles.count) shown" + (page.nextCursor != nil ? "; more with a larger --limit" : "")) }
    }

    static func list(_ s: String?) -> [String] {
        (s ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func time(_ s: String, _ flag: String) throws -> Date {
        guard let d = DateParsing.timestamp(s) else { throw ValidationError("\(flag) '\(s)' is not an ISO 8601 time or day, e.g. 2020-09-15") }
        return d
    }
}
