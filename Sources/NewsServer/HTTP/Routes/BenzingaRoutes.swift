import Foundation
import Hummingbird
import NewsAnalysis
import NewsModel
import NewsStore

/// Benzinga's News API (`/api/v2/news`, `/api/v2/news/{id}`, `/api/v2/news-removed`) with its parameters and
/// shapes, so clients written for it work unchanged. What differs is listed in the README.
struct BenzingaRoutes {
    let store: any NewsStore
    let master: SecurityMaster

    func register(on router: Router<APIRequestContext>) {
        router.get("/api/v2/news") { request, _ in try await news(request) }
        router.get("/api/v2/news/:id") { request, context in
            let raw = context.parameters.get("id") ?? ""
            guard let seq = Int64(raw), seq > 0 else {
                throw APIError(.invalidParameter, "a news id is a positive whole number, not \"\(raw.prefix(40))\"")
            }
            guard let a = try await store.article(seq) else { throw APIError(.notFound, "no news item \(seq)") }
            return Response.json(BenzingaJSON.encode([a], output: try output(QueryReader(request: request))))
        }
        router.get("/api/v2/news-removed") { request, _ in
            let q = QueryReader(request: request)
            let since = try q.unixTime("updatedSince") ?? q.unixTime("since") ?? Date(timeIntervalSince1970: 0)
            let pageSize = try q.int("pageSize", in: 1...1000, code: .invalidLimit) ?? 100
            let removed = try await store.removals(since: since, limit: pageSize)
            var w = JSONWriter()
            w.beginArray()
            for r in removed {
                w.beginObject()
                w.field("id", Int(r.seq))
                w.field("type", "story")
                w.field("updated", DateParsing.rfc2822String(r.removedAt))
                w.endObject()
            }
            w.endArray()
            return Response.json(w.bytes)
        }
    }

    private func output(_ q: QueryReader) throws -> BenzingaJSON.Output {
        guard let raw = q.string("displayOutput") else { return .full }
        guard let o = BenzingaJSON.Output(rawValue: raw) else {
            throw APIError(.invalidParameter, "displayOutput must be headline, abstract or full, not \"\(raw.prefix(40))\"")
        }
        return o
    }

    private func news(_ request: Request) async throws -> Response {
        let q = QueryReader(request: request)
        var query = NewsQuery()
        let tickers = q.list("tickers")
        guard tickers.count <= 50 else { throw APIError(.invalidParameter, "tickers takes at most 50 symbols, got \(tickers.count)") }
        query.tickers = try TickerCheck(master: master).checked(tickers)
        var types: [String] = []
        for channel in q.list("channels") {
            let mapped = BenzingaJSON.eventTypes(forChannel: channel)
            guard !mapped.isEmpty else {
                throw APIError(
                    .invalidParameter,
                    "unknown channel \"\(channel.prefix(40))\"; channels are \(BenzingaJSON.channels.values.sorted().joined(separator: ", "))")
            }
            types += mapped
        }
        query.eventTypes = types
        let topics = q.list("topics")
        if !topics.isEmpty { query.text = topics.joined(separator: " ") }
        if let day = try q.day("date") {
            query.from = day
            query.to = day.addingTimeInterval(86_400)
        }
        if let from = try q.day("dateFrom") { query.from = from }
        if let to = try q.day("dateTo") { query.to = to.addingTimeInterval(86_400) }
        if let published = try q.unixTime("publishedSince") { query.from = max(query.from ?? published, published) }
        query.changedSince = try q.unixTime("updatedSince")
        let pageSize = try q.int("pageSize", in: 1...100, code: .invalidLimit) ?? 15
        let page = try q.int("page", in: 0...(NewsQuery.maxOffset / 100), code: .invalidParameter) ?? 0
        query.limit = pageSize
        query.offset = page * pageSize
        if let sort = q.string("sort") {
            let parts = sort.split(separator: ":").map(String.init)
            guard ["id", "created", "updated"].contains(parts.first ?? ""), parts.count <= 2, parts.count == 1 || ["asc", "desc"].contains(parts[1])
            else {
                throw APIError(.invalidParameter, "sort must be id, created or updated, optionally with :asc or :desc, not \"\(sort.prefix(40))\"")
            }
            // Articles are kept in arrival order, which is the order of ids and (for live news) of creation.
            query.order = parts.count == 2 && parts[1] == "asc" ? .oldest : .newest
        }
        let result = try await store.search(query)
        return Response.json(BenzingaJSON.encode(result.articles, output: try output(q)))
    }
}
