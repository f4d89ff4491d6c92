import Foundation
import NewsAnalysis
import NewsModel
import NewsStore

/// The instrument page: its news volume and average sentiment per day over 30 days (an SVG drawn here), its recent
/// news, and a timeline of its events, analyst ratings written "firm: prior → current, PT prior → current".
enum InstrumentPage {
    static let days = 30
    /// Articles read for the chart and timeline at most (newest first).
    static let maxArticles = 5000

    static func context(symbol: String, name: String?, store: any NewsStore, now: Date) async throws -> [String: Any] {
        let today = Calendar(identifier: .gregorian).startOfDay(for: now)
        let start = today.addingTimeInterval(-Double(days - 1) * 86_400)
        var articles: [StoredArticle] = []
        var cursor: String? = nil
        repeat {
            let page = try await store.search(NewsQuery(tickers: [symbol], from: start, cursor: cursor, limit: 500))
            articles += page.articles
            cursor = page.nextCursor
        } while cursor != nil && articles.count < maxArticles
        let points = articles.map { a in
            (a.published ?? a.received, a.analysis.instruments.first { $0.symbol == symbol }?.sentiment)
        }
        let chart = NewsVolumeChart(days: NewsVolumeChart.days(from: start, count: days, points: points))
        var timeline: [[String: Any]] = []
        for a in articles {
            for e in a.analysis.events where e.instruments.contains(symbol) {
                let time = a.published ?? a.received
                timeline.append([
                    "type": ArticlePage.label(e.type), "timeText": ArticleItem.timeText(time), "time": DateParsing.isoString(time),
                    "seq": String(a.seq), "text": e.type == Event.Kind.analystRating.rawValue ? rating(e) : e.text,
                ])
            }
        }
        return [
            "symbol": symbol, "name": name ?? "", "chart": chart.svg, "count": String(articles.count),
            "items": articles.prefix(20).map(ArticleItem.context), "timeline": Array(timeline.prefix(100)),
        ]
    }

    /// "Morgan Stanley: Equal-Weight → Overweight, PT 250 → 300"
    static func rating(_ e: StoredArticle.Analysis.Event) -> String {
        func text(_ key: String) -> String? {
            switch e.attributes[key] {
            case .text(let s)?: s
            case .number(let d)?: d == d.rounded() ? String(Int64(d)) : String(format: "%.2f", d)
            case nil: nil
            }
        }
        var out = text("firm") ?? "An analyst"
        let action = text("action_company")
        if text("rating_prior") != nil || text("rating_current") != nil {
            out += ": \(text("rating_prior") ?? "–") → \(text("rating_current") ?? "–")"
        } else if let action {
            out += ": \(action)"
        }
        if text("pt_prior") != nil || text("pt_current") != nil {
            out += ", PT \(text("pt_prior") ?? "–") → \(text("pt_current") ?? "–")"
        }
        return out
    }
}
