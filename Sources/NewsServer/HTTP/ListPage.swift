import Hummingbird
import NewsModel

/// A page of a key's short list (watchlists, rules, webhooks): `cursor` is where the page starts, `limit` its
/// length (100 unless given, at most 1,000); the reply's `next_cursor` is null on the last page.
enum ListPage {
    static func response<T>(_ items: [T], _ request: Request, field: StaticString, _ write: (inout JSONWriter, T) -> Void) throws -> Response {
        let q = QueryReader(request: request)
        let limit = try q.int("limit", in: 1...1000, code: .invalidLimit) ?? 100
        var start = 0
        if let raw = q.string("cursor") {
            guard let n = Int(raw), n >= 0 else { throw APIError(.invalidCursor, "cursor must be a next_cursor this list returned") }
            start = n
        }
        var w = JSONWriter(capacity: 4096)
        w.beginObject()
        w.objects(field, items.dropFirst(start).prefix(limit)) { w, item in write(&w, item) }
        w.field("next_cursor", start + limit < items.count ? String(start + limit) : nil)
        w.endObject()
        return Response.json(w.bytes)
    }
}
