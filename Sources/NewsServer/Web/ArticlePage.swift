import Foundation
import NewsAnalysis
import NewsModel
import NewsStore

/// The article page: the cleaned text with mentions, amounts and event evidence marked (the article is analysed
/// again for the places: the store keeps what was found, not where), and beside it the instruments with relevance
/// and sentiment, the events with their attributes, and any flags with their evidence.
enum ArticlePage {
    static func context(_ stored: StoredArticle, analyzer: NewsAnalyzer) -> [String: Any] {
        let analyzed = analyzer.analyze(Article(title: stored.title, body: stored.body))
        var marks: [ArticleHighlighter.Mark] = []
        for e in analyzed.events {
            let about = (e.instruments + e.organizations).joined(separator: ", ")
            marks.append(
                .init(
                    start: e.start, end: e.end, kind: .evidence,
                    note: "\(label(e.type.rawValue)) event" + (about.isEmpty ? "" : " concerning \(about)")))
        }
        for i in analyzed.instruments {
            for m in i.mentions {
                marks.append(
                    .init(
                        start: m.start, end: m.end, kind: .mention, note: "\(i.instrument.symbol) (\(i.instrument.name)), found by \(how(m.how))",
                        symbol: i.instrument.symbol))
            }
        }
        for a in analyzed.amounts {
            let value = a.value.magnitude >= 1000 ? String(format: "%.0f", a.value) : String(format: "%g", a.value)
            marks.append(.init(start: a.start, end: a.end, kind: .amount, note: "\(a.kind.rawValue): \(value) \(a.currency ?? "")"))
        }
        let text = analyzed.cleanedText
        let scalars = text.unicodeScalars.count
        let titleEnd =
            text.unicodeScalars.firstIndex(of: "\n").map { text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: $0) } ?? scalars
        let highlighter = ArticleHighlighter(text: text, marks: marks)
        let time = stored.published ?? stored.received
        return [
            "seq": String(stored.seq), "title": stored.title, "titleHTML": highlighter.html(0..<titleEnd),
            "bodyHTML": highlighter.html((titleEnd + 1)..<scalars), "time": DateParsing.isoString(time), "timeText": ArticleItem.timeText(time),
            "source": ArticleItem.present(stored.source), "url": ArticleItem.present(link(stored.url)), "story": stored.analysis.story ?? "",
            "novelty": stored.analysis.novelty.map(String.init) ?? "–",
            "sentiment": String(format: "%+.2f", stored.analysis.sentiment), "tone": ArticleItem.tone(stored.analysis.sentiment),
            "instruments": stored.analysis.instruments.map { i -> [String: Any] in
                let score = i.sentiment ?? 0
                return [
                    "symbol": i.symbol, "name": i.name, "exchange": i.exchange, "relevance": String(i.relevance), "primary": i.primary,
                    "sentiment": String(format: "%+.2f", score), "label": Sentiment.Label(score: score).rawValue, "tone": ArticleItem.tone(score),
                ]
            },
            "events": stored.analysis.events.map { e -> [String: Any] in
                [
                    "type": label(e.type), "about": (e.instruments + e.organizations).joined(separator: ", "), "text": e.text,
                    "attributes": attributes(e),
                ]
            },
            "hasEvents": !stored.analysis.events.isEmpty, "hasFlags": !stored.analysis.flags.isEmpty,
            "flags": stored.analysis.flags.map { f -> [String: Any] in
                ["text": ArticleItem.flagText(f.type), "detail": f.detail, "evidence": f.evidence]
            },
        ]
    }

    /// The article's address, when it is a web one (a `javascript:` link must never reach an `href`).
    static func link(_ url: String?) -> String {
        guard let url, url.lowercased().hasPrefix("https://") || url.lowercased().hasPrefix("http://") else { return "" }
        return url
    }

    static func label(_ type: String) -> String { type.replacingOccurrences(of: "_", with: " ") }

    static func attributes(_ e: StoredArticle.Analysis.Event) -> String {
        e.attributes.sorted { $0.key < $1.key }.map { key, value in
            switch value {
            case .number(let d): "\(key) \(d == d.rounded() && d.magnitude < 1e15 ? String(Int64(d)) : String(format: "%g", d))"
            case .text(let s): "\(key) \(s)"
            }
        }.joined(separator: " · ")
    }

    static func how(_ how: Mention.How) -> String {
        switch how {
        case .exchangeTicker: "its exchange and ticker"
        case .cashtag: "a cashtag"
        case .nameAndTicker: "its name with its ticker"
        case .name: "its company name"
        case .alias: "a known other name"
        case .ticker: "its ticker alone"
        }
    }
}
