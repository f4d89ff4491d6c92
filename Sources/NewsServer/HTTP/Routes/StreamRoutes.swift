import Foundation
import HTTPTypes
import Hummingbird
import NewsAnalysis
import NewsModel
import NewsStore
import ServiceLifecycle

/// `GET /v1/stream`: Server-Sent Events, one `article` event per stored article that matches `tickers` and
/// `events`, with the article's sequence number as the event id. A client that reconnects with `Last-Event-ID`
/// (or `?last_event_id=`) first gets everything after it from the store, then the live stream; nothing falls in
/// between, because the subscription starts before the catch-up read.
struct StreamRoutes {
    let store: any NewsStore
    let hub: ArticleHub
    let master: SecurityMaster

    func register(on router: Router<APIRequestContext>) {
        router.get("/v1/stream") { request, _ in
            let q = QueryReader(request: request)
            let tickers = try TickerCheck(master: master).checked(q.list("tickers"))
            let types = try ArticleRoutes.eventTypes(q.list("events"))
            var resume: Int64? = nil
            if let raw = request.headers[HTTPField.Name("Last-Event-ID")!] ?? q.string("last_event_id") {
                guard let seq = Int64(raw.trimmingCharacters(in: .whitespaces)), seq >= 0 else {
                    throw APIError(.invalidCursor, "Last-Event-ID must be an event id this stream sent (a whole number), not \"\(raw.prefix(40))\"")
                }
                resume = seq
            }
            let resumeFrom = resume
            let subscription = hub.subscribe(ArticleHub.Filter(tickers: Set(tickers), eventTypes: Set(types)))
            let store = self.store
            let body = ResponseBody { writer in
                defer { subscription.continuation.finish() }
                try await writer.write(ByteBuffer(string: ": connected\nretry: 2000\n\n"))
                var last = resumeFrom ?? 0
                if let resume = resumeFrom {
                    // Catch up from the store, oldest first, in pages.
                    var after = resume
                    while true {
                        let page = try await store.search(NewsQuery(tickers: tickers, eventTypes: types, after: after, limit: 500))
                        for a in page.articles { try await writer.write(Self.event(id: a.seq, json: ArticleJSON.encode(a))) }
                        guard let newest = page.articles.last?.seq else { break }
                        after = newest
                        if page.articles.count < 500 { break }
                    }
                    last = after
                }
                // On shutdown the stream ends (with a close event), so the server's drain does not wait on it.
                try await withGracefulShutdownHandler {
                    for await message in subscription.messages {
                        switch message {
                        case .article(let item):
                            guard item.seq > last else { continue }
                            last = item.seq
                            try await writer.write(Self.event(id: item.seq, json: item.json))
                        case .keepAlive:
                            try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
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
    }

    static func event(id: Int64, json: [UInt8]) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeString("id: \(id)\nevent: article\ndata: ")
        buffer.writeBytes(json)
        buffer.writeString("\n\n")
        return buffer
    }
}
