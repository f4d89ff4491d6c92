import NewsAnalysis
import NewsModel

/// Writes an analysed article in the shape of CONTRACTS.md §1.
public enum AnalysisJSON {
    public static func encode(_ a: AnalyzedArticle) -> [UInt8] {
        // Sized for the article: the output is about twice the cleaned text, and growing the buffer means copying it.
        var w = JSONWriter(capacity: 1024 + 2 * a.cleanedBytes.count)
        w.beginObject()
        w.field("id", a.article.id)
        w.field("title", a.article.title)
        w.field("published", a.article.published.map(DateParsing.isoString))
        if let url = a.article.url { w.field("url", url) }
        if let source = a.article.source { w.field("source", source) }
        w.objects("instruments", a.instruments, instrument)
        w.objects("organizations", a.organizations) { w, o in
            w.field("name", o.name)
            w.field("linked", o.linked)
            if let symbol = o.symbol { w.field("symbol", symbol) }
            span(o.start, o.end, into: &w)
        }
        w.objects("amounts", a.amounts) { w, m in
            w.field("text", m.text)
            w.field("kind", m.kind.rawValue)
            w.field("value", m.value)
            if let c = m.currency { w.field("currency", c) }
            w.field("in_title", m.inTitle)
            span(m.start, m.end, into: &w)
        }
        w.objects("dates", a.dates) { w, d in
            w.field("text", d.text)
            w.field("date", d.date)
            span(d.start, d.end, into: &w)
        }
        w.objects("events", a.events, event)
        w.flags(a.flags)
        w.key("sentiment")
        w.thousandths(a.sentiment.score)
        w.field("sentiment_label", a.sentiment.label.rawValue)
        if let story = a.story { w.field("story", story) }
        if let novelty = a.novelty { w.field("novelty", novelty) }
        w.endObject()
        return w.bytes
    }

    private static func event(_ w: inout JSONWriter, _ e: Event) {
        w.field("type", e.type.rawValue)
        w.strings("instruments", e.instruments)
        if !e.organizations.isEmpty { w.strings("organizations", e.organizations) }
        w.field("text", e.text)
        span(e.start, e.end, into: &w)
        w.key("attributes")
        w.beginObject()
        for a in e.attributes {
            switch a.value {
            case .number(let v):
                w.key(a.key)
                w.double(v)
            case .text(let t):
                w.key(a.key)
                w.string(t)
            }
        }
        w.endObject()
    }

    private static func instrument(_ w: inout JSONWriter, _ t: TaggedInstrument) {
        w.field("symbol", t.symbolAsPublished ?? t.instrument.symbol)
        if t.symbolAsPublished != nil { w.field("current_symbol", t.instrument.symbol) }
        w.field("exchange", t.instrument.exchange)
        w.field("name", t.instrument.name)
        if t.instrument.status == .former { w.field("status", "former") }
        w.field("primary", t.primary)
        w.field("relevance", t.relevance)
        if let s = t.sentiment {
            w.key("sentiment")
            w.thousandths(s.score)
            w.field("sentiment_label", s.label.rawValue)
        }
        if !t.instrument.listings.isEmpty {
            w.objects("listings", t.instrument.listings) { w, l in
                w.field("symbol", l.symbol)
                w.field("exchange", l.exchange)
            }
        }
        w.objects("mentions", t.mentions) { w, m in
            w.field("text", m.text)
            span(m.start, m.end, into: &w)
            w.field("in_title", m.inTitle)
            w.field("how", m.how.rawValue)
        }
    }

    /// Offsets in Unicode scalars of the cleaned text.
    private static func span(_ start: Int, _ end: Int, into w: inout JSONWriter) {
        w.field("start", start)
        w.field("end", end)
    }
}
