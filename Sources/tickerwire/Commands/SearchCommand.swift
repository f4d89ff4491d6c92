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

    @OptionGroup var filters: NewsFilters

    @Option(help: "Only tickers mentioned with at least this relevance (0–100).")
    var minRelevance: Int?

    @Option(help: "How many articles to show.")
    var limit = 20

    @ArgumentParser.Flag(help: "Best match first instead of newest first.")
    var relevance = false

    @ArgumentParser.Flag(help: "One JSON object a line instead of text.")
    var json = false

    @OptionGroup var store: StoreLocation

    func run() throws {
        let store = try store.openExisting()
        var q = NewsQuery(limit: limit, order: relevance ? .relevance : .newest)
        q.text = query
        q.minRelevance = minRelevance
        try filters.apply(to: &q)
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
}
