import Foundation
import Hummingbird
import NewsAnalysis
import NewsModel
import NewsStore

/// `/v1/instruments?q=` (find by symbol or name) and `/v1/instruments/{symbol}` (with recent news and counts).
struct InstrumentRoutes {
    let store: any NewsStore
    let master: SecurityMaster
    let clock: @Sendable () -> Date

    func register(on router: Router<APIRequestContext>) {
        router.get("/v1/instruments") { request, _ in
            let q = QueryReader(request: request)
            guard let text = q.string("q") else { throw APIError(.invalidParameter, "q is required: a symbol or a company name") }
            let limit = try q.int("limit", in: 1...50, code: .invalidLimit) ?? 10
            var w = JSONWriter()
            w.beginObject()
            w.key("instruments")
            w.beginArray()
            for i in master.lookup(text, limit: limit) { Self.write(i, into: &w) }
            w.endArray()
            w.endObject()
            return Response.json(w.bytes)
        }
        router.get("/v1/instruments/:symbol") { request, context in
            let symbol = (context.parameters.get("symbol") ?? "").uppercased()
            guard let index = master.instrument(symbol: symbol) ?? master.instruments(matching: symbol).first else {
                throw APIError(.notFound, "no instrument \(symbol); GET /v1/instruments?q= finds symbols by name")
            }
            let instrument = master.instruments[Int(index)]
            let now = clock()
            // Counts over the last 30 days, read from the ticker index (capped: a busy name says "1000+").
            let month = try await store.search(NewsQuery(tickers: [instrument.symbol], from: now.addingTimeInterval(-30 * 86_400), limit: 1000))
            let times = month.articles.map { $0.published ?? $0.received }
            var w = JSONWriter(capacity: 64 * 1024)
            w.beginObject()
            w.key("instrument")
            Self.write(instrument, into: &w)
            w.key("counts")
            w.beginObject()
            for (label, days) in [("24h", 1.0), ("7d", 7.0), ("30d", 30.0)] {
                w.key(label)
                w.int(times.filter { $0 >= now.addingTimeInterval(-days * 86_400) }.count)
            }
            w.endObject()
            w.key("recent")
            w.beginArray()
            for a in month.articles.prefix(20) { ArticleJSON.write(a, into: &w) }
            w.endArray()
            w.field("counts_capped", month.nextCursor != nil)
            w.endObject()
            return Response.json(w.bytes)
        }
    }

    static func write(_ i: Instrument, into w: inout JSONWriter) {
        w.beginObject()
        w.field("symbol", i.symbol)
        w.field("exchange", i.exchange)
        w.field("name", i.name)
        w.field("country", i.country)
        if let isin = i.isin { w.field("isin", isin) }
        if i.status == .former { w.field("status", "former") }
        if !i.listings.isEmpty {
            w.objects("listings", i.listings) { w, l in
                w.field("symbol", l.symbol)
                w.field("exchange", l.exchange)
            }
        }
        w.endObject()
    }
}
