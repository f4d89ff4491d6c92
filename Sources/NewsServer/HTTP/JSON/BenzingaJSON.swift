import Foundation
import NewsAnalysis
import NewsModel
import NewsStore

/// A stored article as Benzinga's News API returns one, so its clients work unchanged: `id`, `author`, `created`
/// and `updated` (RFC 2822), `title`, `teaser` (the first sentence, at most 256 characters), `body` (with
/// `displayOutput=full`), `url`, `image`, `channels`, `stocks` and `tags`.
public enum BenzingaJSON {
    public enum Output: String, Sendable, CaseIterable {
        case headline, abstract, full
    }

    /// Our event types as the channel names Benzinga readers know.
    static let channels: [String: String] = [
        "analyst_rating": "Analyst Ratings", "earnings": "Earnings", "guidance": "Guidance", "merger_acquisition": "M&A",
        "investment": "Investments", "ipo": "IPOs", "offering": "Offerings", "listing": "Listings", "delisting": "Delistings",
        "sanction": "Sanctions", "regulatory": "Regulations", "legal": "Legal", "executive_change": "Management",
        "dividend": "Dividends", "buyback": "Buybacks", "stock_split": "Stock Split", "contract": "Contracts",
        "partnership": "Partnerships", "product": "Products", "bankruptcy": "Bankruptcy", "layoffs": "Layoffs",
        "price_action": "Movers",
    ]

    /// The event types a channel filter names (case-insensitive; an event type itself is accepted too).
    static func eventTypes(forChannel name: String) -> [String] {
        let lower = name.lowercased()
        return channels.filter { $0.value.lowercased() == lower || $0.key == lower }.map(\.key)
    }

    public static func encode(_ articles: [StoredArticle], output: Output) -> [UInt8] {
        var w = JSONWriter(capacity: 1024 * max(1, articles.count))
        w.beginArray()
        for a in articles { write(a, output: output, into: &w) }
        w.endArray()
        return w.bytes
    }

    static func write(_ a: StoredArticle, output: Output, into w: inout JSONWriter) {
        w.beginObject()
        w.field("id", Int(a.seq))
        w.field("author", a.source ?? "")
        w.field("created", rfc2822(a.published ?? a.received))
        w.field("updated", rfc2822(a.updated ?? a.published ?? a.received))
        w.field("title", a.title)
        if output != .headline { w.field("teaser", teaser(a.body)) }
        if output == .full { w.field("body", a.body) }
        w.field("url", a.url ?? "")
        w.key("image")
        w.beginArray()
        w.endArray()
        let types = Array(Set(a.analysis.events.map(\.type))).sorted()
        w.objects("channels", types.compactMap { channels[$0] }) { w, name in w.field("name", name) }
        w.objects("stocks", a.analysis.instruments) { w, i in
            w.field("name", i.symbol)
            w.field("exchange", i.exchange)
        }
        w.objects("tags", types) { w, t in w.field("name", t) }
        w.endObject()
    }

    /// The first sentence of the body, at most 256 characters.
    static func teaser(_ body: String) -> String {
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        var end = text.endIndex
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            let next = text.index(after: i)
            if c == "." || c == "!" || c == "?" || c == "\n", next == text.endIndex || text[next] == " " || text[next] == "\n" {
                end = c == "\n" ? i : next
                break
            }
            i = next
        }
        let sentence = String(text[..<end])
        return sentence.count <= 256 ? sentence : String(sentence.prefix(255)) + "…"
    }

    static func rfc2822(_ date: Date) -> String { DateParsing.rfc2822String(date) }
}
