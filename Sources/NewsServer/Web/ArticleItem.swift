import Foundation
import NewsAnalysis
import NewsModel
import NewsStore

/// A stored article as the feed, search and instrument pages list it (the `item` partial): headline, time, source,
/// ticker chips coloured by sentiment, event badges and flags; and articles folded into their stories.
enum ArticleItem {
    static func context(_ a: StoredArticle) -> [String: Any] {
        let time = a.published ?? a.received
        var seenEvents = Set<String>()
        return [
            "seq": String(a.seq), "title": a.title.isEmpty ? "(no title)" : a.title, "time": DateParsing.isoString(time),
            "timeText": timeText(time), "source": present(a.source), "story": a.analysis.story ?? "",
            "instruments": a.analysis.instruments.prefix(8).map { i -> [String: Any] in
                let score = i.sentiment ?? 0
                return [
                    "symbol": i.symbol, "tone": tone(score),
                    "note": "\(i.name): relevance \(i.relevance), sentiment \(String(format: "%+.2f", score))",
                ]
            },
            "events": a.analysis.events.compactMap { e -> [String: Any]? in
                seenEvents.insert(e.type).inserted ? ["type": ArticlePage.label(e.type)] : nil
            },
            "flags": a.analysis.flags.map { ["text": flagText($0.type), "detail": $0.detail] },
        ]
    }

    /// Stories, newest first: each the first article of its cluster, with the later ones under it (`repeats`).
    static func stories(_ newestFirst: [StoredArticle]) -> [[String: Any]] {
        var order: [String] = []
        var members: [String: [StoredArticle]] = [:]
        for a in newestFirst {
            let story = a.analysis.story ?? "article-\(a.seq)"
            if members[story] == nil { order.append(story) }
            members[story, default: []].append(a)
        }
        return order.map { story in
            let oldestFirst = members[story]!.reversed()
            var first = context(oldestFirst.first!)
            let repeats = oldestFirst.dropFirst().map(context)
            first["repeats"] = repeats
            first["repeatCount"] = String(repeats.count)
            first["hasRepeats"] = !repeats.isEmpty
            return first
        }
    }

    /// A text a template shows only when there is one (an empty string is a true section in Mustache).
    static func present(_ text: String?) -> Any {
        guard let text, !text.isEmpty else { return false }
        return text
    }

    /// The colour class of a sentiment score.
    static func tone(_ score: Double) -> String {
        switch Sentiment.Label(score: score) {
        case .bearish, .somewhatBearish: "negative"
        case .neutral: "neutral"
        case .somewhatBullish, .bullish: "positive"
        }
    }

    static func flagText(_ type: Flag.Kind) -> String {
        switch type {
        case .figureMismatch: "figures disagree"
        case .directionMismatch: "direction contradicts its figure"
        case .changeMismatch: "change disagrees with the prices"
        }
    }

    static func timeText(_ date: Date) -> String { timeFormat.string(from: date) + " UTC" }

    /// Made once: a formatter is costly to make, and a page formats dozens of times.
    static let timeFormat = utcFormat("d MMM HH:mm")

    /// A formatter of UTC times, the same in every locale.
    static func utcFormat(_ pattern: String) -> DateFormatter {
        let format = DateFormatter()
        format.dateFormat = pattern
        format.timeZone = TimeZone(identifier: "UTC")
        format.locale = Locale(identifier: "en_US_POSIX")
        return format
    }
}
