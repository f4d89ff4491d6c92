import Foundation
import Hummingbird
import NewsAnalysis
import NewsModel
import NewsStore

/// `/v1/keys` (admin scope): make, list and revoke API keys. A key is shown once, when made.
struct KeyRoutes {
    let keys: any KeyStore
    let cache: KeyCache
    let clock: @Sendable () -> Date

    func register(on router: Router<APIRequestContext>) {
        router.post("/v1/keys") { request, _ in
            let body = try await JSONObjectBody(request, fields: ["name", "scope"], example: "{\"name\": \"…\", \"scope\": \"read|write|admin\"}")
            let name = try body.string("name", required: true)!
            let rawScope = try body.string("scope") ?? "read"
            guard let scope = APIKey.Scope(rawValue: rawScope) else { throw APIError(.invalidParameter, "scope must be read, write or admin") }
            let made = APIKeys.make(name: name, scope: scope, now: clock())
            try await keys.addKey(made.record)
            var w = JSONWriter()
            w.beginObject()
            Self.fields(made.record, into: &w)
            w.field("key", made.key)
            w.endObject()
            return Response.json(w.bytes, status: .created)
        }
        router.get("/v1/keys") { _, _ in
            var w = JSONWriter()
            w.beginObject()
            w.objects("keys", try await keys.keys()) { w, k in Self.fields(k, into: &w) }
            w.endObject()
            return Response.json(w.bytes)
        }
        router.delete("/v1/keys/:id") { _, context in
            let id = context.parameters.get("id") ?? ""
            guard try await keys.revokeKey(id: id, at: clock()) else { throw APIError(.notFound, "no active key \(id.prefix(40))") }
            cache.forget()
            return Response(status: .noContent)
        }
    }

    static func fields(_ k: APIKey, into w: inout JSONWriter) {
        w.field("id", k.id)
        w.field("name", k.name)
        w.field("prefix", k.prefix)
        w.field("scope", k.scope.rawValue)
        w.field("created", DateParsing.isoString(k.created))
        if let r = k.revoked { w.field("revoked", DateParsing.isoString(r)) }
    }
}
