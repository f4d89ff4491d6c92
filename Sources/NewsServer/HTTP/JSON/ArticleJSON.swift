import Foundation
import NewsAnalysis
import NewsModel
import NewsStore

/// A stored article in the native API's shape: CONTRACTS.md §1's analysis fields, with the article's id (its
/// sequence number), revision and times.
public enum ArticleJSON {
    public static func encode(_ a: StoredArticle) -> [UInt8] {
        var w = JSONWriter(capacity: 2048 + a.body.utf8.count)
        write(a, into: &w)
        return w.bytes
    }

    public static func write(_ a: StoredArticle, into w: inout JSONWriter) {
        w.beginObject()
        w.field("id", Int(a.seq))
        w.field("sequence", Int(a.seq))
        if let id = a.externalID { w.field("external_id", id) }
        if let source = a.source { w.field("source", source) }
        if let url = a.url { w.field("url", url) }
        w.field("title", a.title)
        w.field("body", a.body)
        w.field("published", a.published.map(DateParsing.isoString))
        if let updated = a.updated { w.field("updated", DateParsing.isoString(updated)) }
        w.field("received", DateParsing.isoString(a.received))
        w.field("revision", a.revision)
        let analysis = a.analysis
        w.objects("instruments", analysis.instruments) { w, i in
            w.field("symbol", i.symbol)
            w.field("exchange", i.exchange)
            w.field("name", i.name)
            w.field("primary", i.primary)
            w.field("relevance", i.relevance)
            if let s = i.sentiment {
                w.key("sentiment")
                w.thousandths(s)
                w.field("sentiment_label", Sentiment(score: s).label.rawValue)
            }
        }
        w.objects("organizations", analysis.organizations) { w, o in
            w.field("name", o.name)
            w.field("linked", o.linked)
            if let symbol = o.symbol { w.field("symbol", symbol) }
        }
        w.objects("amounts", analysis.amounts) { w, m in
            w.field("text", m.text)
            w.field("kind", m.kind.rawValue)
            w.field("value", m.value)
            if let c = m.currency { w.field("currency", c) }
            w.field("in_title", m.inTitle)
        }
        w.objects("events", analysis.events) { w, e in
            w.field("type", e.type)
            w.strings("instruments", e.instruments)
            if !e.organizations.isEmpty { w.strings("organizations", e.organizations) }
            w.field("text", e.text)
            StoredArticle.Analysis.writeAttributes(e.attributes, into: &w)
        }
        w.flags(analysis.flags)
        w.key("sentiment")
        w.thousandths(analysis.sentiment)
        w.field("sentiment_label", Sentiment(score: analysis.sentiment).label.rawValue)
        if let story = analysis.story { w.field("story", story) }
        if let novelty = analysis.novelty { w.field("novelty", novelty) }
        w.endObject()
    }
}
