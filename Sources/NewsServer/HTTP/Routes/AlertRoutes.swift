import Foundation
import Hummingbird
import NewsModel
import NewsStore

/// `GET /v1/alerts?cursor=&limit=`: the key's alerts, oldest first after `cursor` (an alert's sequence; the
/// reply's `next_cursor` continues, also when the page is empty), each with its rule and the analysed article.
struct AlertRoutes {
    let store: any AlertStore

    func register(on router: Router<APIRequestContext>) {
        router.get("/v1/alerts") { request, context in
            let key = try context.requireKey()
            let q = QueryReader(request: request)
            let limit = try q.int("limit", in: 1...500, code: .invalidLimit) ?? 50
            var after: Int64 = 0
            if let raw = q.string("cursor") {
                guard let c = Int64(raw), c >= 0 else { throw APIError(.invalidCursor, "cursor must be a next_cursor (an alert sequence)") }
                after = c
            }
            let page = try await store.alerts(keyID: key.id, after: after, limit: limit)
            var w = JSONWriter(capacity: 8192)
            w.beginObject()
            w.key("alerts")
            w.beginArray()
            for (alert, article) in page { AlertJSON.write(alert, article, into: &w) }
            w.endArray()
            // Always a cursor: polling with it later returns what came since.
            w.field("next_cursor", page.last.map { String($0.0.seq) } ?? String(after))
            w.endObject()
            return Response.json(w.bytes)
        }
    }
}
