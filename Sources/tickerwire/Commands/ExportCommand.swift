import ArgumentParser
import Foundation
import NewsAnalysis
import NewsStore

/// `tickerwire export --format ndjson|csv [filters]`: one row per stored article and instrument, the signals a
/// backtest loads.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write per-article, per-instrument signals (published, symbol, relevance, sentiment, novelty, events).",
        discussion: """
            One row per (article, instrument), oldest first, to standard output. Columns: seq, published, symbol, \
            exchange, relevance, primary, sentiment (the instrument's), article_sentiment, novelty, story, events \
            (the article's event types, ';'-separated), title. Filters as in `search`.
            """)

    enum Format: String, ExpressibleByArgument { case ndjson, csv }

    @Option(help: "ndjson or csv.")
    var format: Format = .csv

    @OptionGroup var filters: NewsFilters

    @OptionGroup var store: StoreLocation

    func run() throws {
        let store = try store.openExisting()
        var q = NewsQuery(limit: NewsQuery.maxLimit)
        try filters.apply(to: &q)
        // Catch-up order: oldest first, page after page by sequence number.
        q.after = 0
        let wanted = Set(q.tickers.map { $0.uppercased() })
        var out = BufferedOutput()
        if format == .csv {
            out.line("seq,published,symbol,exchange,relevance,primary,sentiment,article_sentiment,novelty,story,events,title")
        }
        while true {
            let query = q
            let page = try blocking { try await store.search(query) }
            for a in page.articles {
                let when = DateParsing.isoString(a.published ?? a.received)
                let types = Set(a.analysis.events.map(\.type)).sorted().joined(separator: ";")
                for i in a.analysis.instruments where wanted.isEmpty || wanted.contains(i.symbol) {
                    switch format {
                    case .csv:
                        let fields: [String] = [
                            "\(a.seq)", when, i.symbol, i.exchange, "\(i.relevance)", i.primary ? "1" : "0",
                            i.sentiment.map { Self.decimal($0) } ?? "",
                            Self.decimal(a.analysis.sentiment), a.analysis.novelty.map(String.init) ?? "", a.analysis.story ?? "", types, a.title,
                        ]
                        out.line(fields.map(Self.csvField).joined(separator: ","))
                    case .ndjson:
                        let row: [String: Any] = [
                            "seq": a.seq, "published": when, "symbol": i.symbol, "exchange": i.exchange, "relevance": i.relevance,
                            "primary": i.primary, "sentiment": i.sentiment ?? NSNull(), "article_sentiment": a.analysis.sentiment,
                            "novelty": a.analysis.novelty ?? NSNull(), "story": a.analysis.story ?? NSNull(),
                            "events": types.isEmpty ? [] : types.split(separator: ";").map(String.init),
                            "title": a.title,
                        ]
                        let json = try JSONSerialization.data(withJSONObject: row, options: [.sortedKeys, .withoutEscapingSlashes])
                        out.line(String(decoding: json, as: UTF8.self))
                    }
                }
            }
            guard let last = page.articles.last, page.articles.count == q.limit else { break }
            q.after = last.seq
        }
        out.flush()
    }

    static func decimal(_ v: Double) -> String { String(format: "%.3f", v) }

    /// RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled.
    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Lines to standard output, written in 64 KB blocks.
struct BufferedOutput {
    private var buffer: [UInt8] = []

    mutating func line(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        buffer.append(10)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
