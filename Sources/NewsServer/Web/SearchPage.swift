import Foundation
import Hummingbird
import NewsAnalysis
import NewsModel
import NewsStore

/// The search page: words, tickers, event types, dates and sentiment as a plain GET form (so a search is a link
/// one can keep), and the matching articles newest first.
enum SearchPage {
    static func context(_ request: Request, store: any NewsStore) async throws -> [String: Any] {
        let q = request.uri.queryParameters
        let text = q.get("q")?.trimmingCharacters(in: .whitespaces) ?? ""
        let tickers = list(q.get("tickers")).map { $0.uppercased() }
        let events = q.getAll("events").filter { Event.Kind(rawValue: $0) != nil }
        let from = q.get("from") ?? ""
        let to = q.get("to") ?? ""
        let sentiment = q.get("sentiment") ?? ""
        var query = NewsQuery(
            tickers: tickers, eventTypes: events, text: text.isEmpty ? nil : text, limit: 50, order: text.isEmpty ? .newest : .relevance)
        query.from = day(from)
        query.to = day(to).map { $0.addingTimeInterval(86_400) }
        switch sentiment {
        case "positive": query.minSentiment = 0.15
        case "negative": query.maxSentiment = -0.15
        case "neutral": (query.minSentiment, query.maxSentiment) = (-0.15, 0.15)
        default: break
        }
        let searched = !(text.isEmpty && tickers.isEmpty && events.isEmpty && from.isEmpty && to.isEmpty && sentiment.isEmpty)
        var context: [String: Any] = [
            "q": text, "tickers": tickers.joined(separator: ", "), "from": from, "to": to, "searched": searched,
            "eventTypes": Event.Kind.allCases.map {
                ["value": $0.rawValue, "label": ArticlePage.label($0.rawValue), "selected": events.contains($0.rawValue)]
            },
            "sentiments": [("", "any"), ("positive", "positive"), ("neutral", "neutral"), ("negative", "negative")].map {
                ["value": $0.0, "label": $0.1, "selected": sentiment == $0.0]
            },
        ]
        if searched {
            let found = try await store.search(query).articles
            context["items"] = found.map(ArticleItem.context)
            context["count"] = String(found.count)
        }
        return context
    }

    static func list(_ raw: String?) -> [String] {
        (raw ?? "").split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init).filter { !$0.isEmpty }
    }

    /// A `yyyy-mm-dd` from a date input, as the start of that day (UTC).
    static func day(_ raw: String) -> Date? {
        guard raw.count == 10 else { return nil }
        return DateParsing.timestamp(raw + "T00:00:00Z")
    }
}
