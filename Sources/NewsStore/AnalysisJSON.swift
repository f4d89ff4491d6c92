import NewsModel

extension StoredArticle.Analysis {
    /// The analysis as JSON, written by hand: the same keys `Codable` reads back, at a fraction of `JSONEncoder`'s
    /// cost (which was a fifth of all ingest CPU). Absent optionals are left out, as `JSONEncoder` does.
    public func json() -> String {
        var w = JSONWriter(capacity: 4096)
        w.beginObject()
        w.objects("instruments", instruments) { w, i in
            w.field("symbol", i.symbol)
            w.field("exchange", i.exchange)
            w.field("name", i.name)
            w.field("relevance", i.relevance)
            w.field("primary", i.primary)
            if let s = i.sentiment { w.field("sentiment", s) }
        }
        w.objects("organizations", organizations) { w, o in
            w.field("name", o.name)
            w.field("start", o.start)
            w.field("end", o.end)
            w.field("linked", o.linked)
            if let s = o.symbol { w.field("symbol", s) }
        }
        w.objects("events", events) { w, e in
            w.field("type", e.type)
            w.strings("instruments", e.instruments)
            w.strings("organizations", e.organizations)
            w.field("text", e.text)
            StoredArticle.Analysis.writeAttributes(e.attributes, into: &w)
        }
        w.objects("amounts", amounts) { w, a in
            w.field("text", a.text)
            w.field("kind", a.kind.rawValue)
            w.field("value", a.value)
            if let c = a.currency { w.field("currency", c) }
            w.field("in_title", a.inTitle)
            w.field("start", a.start)
            w.field("end", a.end)
        }
        w.flags(flags)
        w.field("sentiment", sentiment)
        if let story { w.field("story", story) }
        if let novelty { w.field("novelty", novelty) }
        w.endObject()
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// `"attributes": {…}` of an event, keys in order.
    public static func writeAttributes(_ attributes: [String: AttributeValue], into w: inout JSONWriter) {
        w.key("attributes")
        w.beginObject()
        for (key, value) in attributes.sorted(by: { $0.key < $1.key }) {
            w.key(key)
            switch value {
            case .number(let d): w.double(d)
            case .text(let t): w.string(t)
            }
        }
        w.endObject()
    }
}
