import Foundation
import HTTPTypes
import Hummingbird
import NewsAnalysis
import NewsModel
import NewsStore
import ServiceLifecycle

/// `GET /v1/stream`: Server-Sent Events, one `article` event per stored article that matches `tickers` and
/// `events`, with the article's sequence number as the event id; or, with `?alerts=1`, one `alert` event per alert
/// of the caller's key, with the alert's sequence number as the id. A client that reconnects with `Last-Event-ID`
/// (or `?last_event_id=`) first gets everything after it from the store, then the live stream; nothing falls in
/// between, because the subscription starts before the catch-up read.
struct StreamRoutes {
    let store: any NewsStore & AlertStore
    let hub: ArticleHub
    let master: SecurityMaster

    func register(on router: Router<APIRequestContext>) {
        router.get("/v1/stream") { request, context in
            let q = QueryReader(request: request)
            let resume = try Self.lastEventID(request, q)
            if try q.bool("alerts") == true {
                guard let key = context.key else { throw APIError(.unauthorized, "alerts belong to an API key: send one") }
                return try await alertStream(keyID: key.id, resume: resume)
            }
            let tickers = try TickerCheck(master: master).checked(q.list("tickers"))
            let types = try ArticleRoutes.eventTypes(q.list("events"))
            let subscription = hub.subscribe(ArticleHub.Filter(tickers: Set(tickers), eventTypes: Set(types)))
            let store = self.store
            return Self.stream(subscription) { writer in
                var last = resume ?? 0
                if let resume {
                    // Catch up from the store, oldest first, in pages.
                    var after = resume
                    while true {
                        let page = try await store.search(NewsQuery(tickers: tickers, eventTypes: types, after: after, limit: 500))
                        for a in page.articles { try await writer.write(Self.event("article", id: a.seq, json: ArticleJSON.encode(a))) }
                        guard let newest = page.articles.last?.seq else { break }
                        after = newest
                        if page.articles.count < 500 { break }
                    }
                    last = after
                }
                return { message in
                    guard case .article(let item) = message, item.seq > last else { return nil }
                    last = item.seq
                    return Self.event("article", id: item.seq, json: item.json)
                }
            }
        }
    }

    /// The key's alerts: those after `resume` from the store, then each new one as the hub says there are some (read
    /// from the store too, after the last sent, so none is missed or repeated).
    private func alertStream(keyID: String, resume: Int64?) async throws -> Response {
        let subscription = hub.subscribe(ArticleHub.Filter(alertsOf: keyID, articles: false))
        let store = self.store
        var start = resume ?? 0
        if resume == nil { start = try await store.newestAlertSeq() }
        return Self.stream(subscription) { [start] writer in
            var last = start
            func drain() async throws -> ByteBuffer? {
                var out = ByteBuffer()
                last = try await store.forEachAlert(keyID: keyID, after: last) { alert, article in
                    out.writeImmutableBuffer(Self.event("alert", id: alert.seq, json: AlertJSON.encode(alert, article)))
                }
                return out.readableBytes > 0 ? out : nil
            }
            if let first = try await drain() { try await writer.write(first) }
            return { message in
                guard case .alerts = message else { return nil }
                return try await drain()
            }
        }
    }

    /// An event stream on a hub subscription: `start` writes any catch-up and returns what to write for each hub
    /// message (nil: nothing); keep-alives, the close event and shutdown are handled here.
    private static func stream(
        _ subscription: ArticleHub.Subscription,
        start: @escaping @Sendable (inout any ResponseBodyWriter) async throws -> (ArticleHub.Message) async throws -> ByteBuffer?
    ) -> Response {
        let body = ResponseBody { writer in
            defer { subscription.continuation.finish() }
            try await writer.write(ByteBuffer(string: ": connected\nretry: 2000\n\n"))
            let next = try await start(&writer)
            // On shutdown the stream ends (with a close event), so the server's drain does not wait on it.
            try await withGracefulShutdownHandler {
                for await message in subscription.messages {
                    if case .keepAlive = message {
                        try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                    } else if let bytes = try await next(message) {
                        try await writer.write(bytes)
                    }
                }
            } onGracefulShutdown: {
                subscription.close("server shutting down; reconnect with Last-Event-ID to resume")
            }
            if let reason = subscription.closeReason {
                var w = JSONWriter()
                w.beginObject()
                w.field("reason", reason)
                w.endObject()
                try await writer.write(ByteBuffer(bytes: Array("event: close\ndata: ".utf8) + w.bytes + Array("\n\n".utf8)))
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache", HTTPField.Name("X-Accel-Buffering")!: "no"],
            body: body)
    }

    private static func lastEventID(_ request: Request, _ q: QueryReader) throws -> Int64? {
        guard let raw = request.headers[HTTPField.Name("Last-Event-ID")!] ?? q.string("last_event_id") else { return nil }
        guard let seq = Int64(raw.trimmingCharacters(in: .whitespaces)), seq >= 0 else {
            throw APIError(.invalidCursor, "Last-Event-ID must be an event id this stream sent (a whole number), not \"\(raw.prefix(40))\"")
        }
        return seq
    }

    static func event(_ name: String, id: Int64, json: [UInt8]) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeString("id: \(id)\nevent: \(name)\ndata: ")
        buffer.writeBytes(json)
        buffer.writeString("\n\n")
        return buffer
    }
}
