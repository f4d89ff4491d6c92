import Foundation
import Hummingbird
import NewsAnalysis
import NewsModel
import NewsStore

/// `/v1/articles` (push and search), `/v1/articles/{id}`, `/v1/analyze` and `/v1/stories/{id}`.
struct ArticleRoutes {
    let store: any NewsStore
    let pipeline: NewsPipeline
    let analyzer: NewsAnalyzer
    /// The largest body a push or an analysis may send.
    let maxBody: Int

    func register(on router: Router<APIRequestContext>) {
        router.post("/v1/articles") { request, _ in try await push(request) }
        router.get("/v1/articles") { request, _ in try await search(request) }
        router.get("/v1/articles/:id") { request, context in try await article(context) }
        router.post("/v1/analyze") { request, _ in try await analyze(request) }
        router.get("/v1/stories/:id") { request, context in try await story(request, context) }
    }

    /// Reads a pushed body: JSON or NDJSON by its Content-Type, within the size limit.
    private func body(_ request: Request) async throws -> (bytes: [UInt8], format: PushedArticles.Format) {
        guard let format = PushedArticles.Format(contentType: request.headers[.contentType]) else {
            throw APIError(
                .unsupportedMediaType,
                "send application/json (an article or an array) or application/x-ndjson (an article a line), not \(request.headers[.contentType] ?? "no Content-Type")"
            )
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBody {
            throw APIError(.bodyTooLarge, "the body is \(length) bytes; this endpoint takes at most \(maxBody)")
        }
        let buffer = try await request.body.collect(upTo: maxBody)
        return (Array(buffer.readableBytesView), format)
    }

    private func push(_ request: Request) async throws -> Response {
        let (bytes, format) = try await body(request)
        let articles = try PushedArticles.parse(bytes, format: format)
        let outcomes: [PipelineOutcome]
        do {
            outcomes = try await pipeline.submit(articles, source: "push")
        } catch is PipelineError {
            throw APIError(.unavailable, "the server is shutting down; send again shortly", retryAfter: 5)
        }
        var w = JSONWriter(capacity: 64 * outcomes.count + 32)
        w.beginObject()
        w.objects("articles", outcomes) { w, o in
            switch o {
            case .stored(.added(let seq)):
                w.field("id", Int(seq))
                w.field("status", "added")
            case .stored(.updated(let seq, let revision)):
                w.field("id", Int(seq))
                w.field("status", "updated")
                w.field("revision", revision)
            case .stored(.duplicate(let seq)):
                w.field("id", Int(seq))
                w.field("status", "duplicate")
            case .rejected(let reason):
                w.field("status", "rejected")
                w.field("reason", reason)
            }
        }
        w.endObject()
        return .json(w.bytes, status: .accepted)
    }

    private func search(_ request: Request) async throws -> Response {
        let q = QueryReader(request: request)
        var query = NewsQuery()
        query.tickers = try TickerCheck(master: analyzer.master).checked(q.list("tickers"))
        query.eventTypes = try Self.eventTypes(q.list("events"))
        query.text = q.string("q")
        query.from = try q.time("from")
        query.to = try q.time("to")
        query.minRelevance = try q.int("min_relevance", in: 0...100)
        query.maxSentiment = try q.double("sentiment_lte", in: -1...1)
        query.minSentiment = try q.double("sentiment_gte", in: -1...1)
        query.sources = q.list("source")
        query.exchange = q.string("exchange")
        query.cursor = q.string("cursor")
        query.limit = try q.int("limit", in: 1...100, code: .invalidLimit) ?? 20
        if let sort = q.string("sort") {
            guard let order = NewsQuery.Order(rawValue: sort) else {
                throw APIError(.invalidParameter, "sort must be newest, oldest or relevance, not \"\(sort.prefix(40))\"")
            }
            query.order = order
        }
        return try await page(query)
    }

    static func eventTypes(_ names: [String]) throws -> [String] {
        let known = Set(Event.Kind.allCases.map(\.rawValue))
        for n in names where !known.contains(n) {
            throw APIError(.invalidParameter, "unknown event type \"\(n.prefix(40))\"; the types are \(known.sorted().joined(separator: ", "))")
        }
        return names
    }

    private func page(_ query: NewsQuery) async throws -> Response {
        let page = try await store.search(query)
        var w = JSONWriter(capacity: 4096 * max(1, page.articles.count))
        w.beginObject()
        w.key("articles")
        w.beginArray()
        for a in page.articles { ArticleJSON.write(a, into: &w) }
        w.endArray()
        w.field("next_cursor", page.nextCursor)
        w.endObject()
        return .json(w.bytes)
    }

    private func article(_ context: APIRequestContext) async throws -> Response {
        let raw = context.parameters.get("id") ?? ""
        guard let seq = Int64(raw), seq > 0 else {
            throw APIError(.invalidParameter, "an article id is a positive whole number, not \"\(raw.prefix(40))\"")
        }
        guard let a = try await store.article(seq) else { throw APIError(.notFound, "no article \(seq)") }
        return .json(ArticleJSON.encode(a))
    }

    private func story(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        var query = NewsQuery(story: id, limit: try QueryReader(request: request).int("limit", in: 1...100, code: .invalidLimit) ?? 100)
        query.order = .oldest
        query.cursor = QueryReader(request: request).string("cursor")
        return try await page(query)
    }

    /// Analysis without storing: one article in, its analysis out (an array for an array, NDJSON for NDJSON).
    private func analyze(_ request: Request) async throws -> Response {
        let (bytes, format) = try await body(request)
        let articles = try PushedArticles.parse(bytes, format: format)
        let analyzer = self.analyzer
        let results = await withCheckedContinuation { c in
            DispatchQueue.global().async { c.resume(returning: articles.concurrentMap { AnalysisJSON.encode(analyzer.analyze($0)) }) }
        }
        var out: [UInt8] = []
        let single = format == .json && bytes.first(where: { $0 > 32 }) == UInt8(ascii: "{")
        if single {
            out = results[0]
        } else if format == .json {
            out = [UInt8(ascii: "[")]
            for (i, r) in results.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out += r
            }
            out.append(UInt8(ascii: "]"))
        } else {
            for r in results { out += r + [10] }
        }
        var response = Response.json(out)
        if format == .ndjson { response.headers[.contentType] = "application/x-ndjson" }
        return response
    }
}
