import NewsAnalysis
import NewsModel

/// Writes an analysed article in the shape of CONTRACTS.md §1.
enum AnalysisJSON {
    static func encode(_ a: AnalyzedArticle) -> [UInt8] {
        // Sized for the article: the output is about twice the cleaned text, and growing the buffer means copying it.
        var w = JSONWriter(capacity: 1024 + 2 * a.cleanedBytes.count)
        w.beginObject()
        w.key("id")
        w.optionalString(a.article.id)
        w.key("title")
        w.string(a.article.title)
        w.key("published")
        w.optionalString(a.article.published.map(DateParsing.isoString))
        if let url = a.article.url {
            w.key("url")
            w.string(url)
        }
        if let source = a.article.source {
            w.key("source")
            w.string(source)
        }
        w.key("instruments")
        w.beginArray()
        for t in a.instruments {
            w.beginObject()
            w.key("symbol")
            w.string(t.symbolAsPublished ?? t.instrument.symbol)
            if t.symbolAsPublished != nil {
                w.key("current_symbol")
                w.string(t.instrument.symbol)
            }
            w.key("exchange")
            w.string(t.instrument.exchange)
            w.key("name")
            w.string(t.instrument.name)
            if t.instrument.status == .former {
                w.key("status")
                w.string("former")
            }
            w.key("primary")
            w.bool(t.primary)
            w.key("relevance")
            w.int(t.relevance)
            if !t.instrument.listings.isEmpty {
                w.key("listings")
                w.beginArray()
                for l in t.instrument.listings {
                    w.beginObject()
                    w.key("symbol")
                    w.string(l.symbol)
                    w.key("exchange")
                    w.string(l.exchange)
                    w.endObject()
                }
                w.endArray()
            }
            w.key("mentions")
            w.beginArray()
            for m in t.mentions {
                w.beginObject()
                w.key("text")
                w.string(m.text)
                w.key("start")
                w.int(m.start)
                w.key("end")
                w.int(m.end)
                w.key("in_title")
                w.bool(m.inTitle)
                w.key("how")
                w.string(m.how.rawValue)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.key("organizations")
        w.beginArray()
        for o in a.organizations {
            w.beginObject()
            w.key("name")
            w.string(o.name)
            w.key("linked")
            w.bool(o.linked)
            if let symbol = o.symbol {
                w.key("symbol")
                w.string(symbol)
            }
            w.key("start")
            w.int(o.start)
            w.key("end")
            w.int(o.end)
            w.endObject()
        }
        w.endArray()
        w.key("amounts")
        w.beginArray()
        for m in a.amounts {
            w.beginObject()
            w.key("text")
            w.string(m.text)
            w.key("kind")
            w.string(m.kind.rawValue)
            w.key("value")
            w.double(m.value)
            if let c = m.currency {
                w.key("currency")
                w.string(c)
            }
            w.key("in_title")
            w.bool(m.inTitle)
            w.key("start")
            w.int(m.start)
            w.key("end")
            w.int(m.end)
            w.endObject()
        }
        w.endArray()
        w.key("dates")
        w.beginArray()
        for d in a.dates {
            w.beginObject()
            w.key("text")
            w.string(d.text)
            w.key("date")
            w.optionalString(d.date)
            w.key("start")
            w.int(d.start)
            w.key("end")
            w.int(d.end)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.bytes
    }
}
