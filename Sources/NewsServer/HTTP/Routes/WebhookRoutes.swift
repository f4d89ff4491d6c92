import Foundation
import Hummingbird
import NewsAnalysis
import NewsModel
import NewsStore

/// `/v1/webhooks`: a key's endpoints (Standard Webhooks). Creating one returns its `whsec_` secret; its deliveries,
/// with every attempt, are listed newest first and can be replayed; `PATCH {"enabled": true}` re-enables an endpoint
/// that answered 410 Gone (its waiting deliveries then go out).
struct WebhookRoutes {
    let store: any AlertStore
    let alerts: AlertRules
    let sender: WebhookSender
    let clock: @Sendable () -> Date

    func register(on router: Router<APIRequestContext>) {
        router.post("/v1/webhooks") { request, context in
            let key = try context.requireKey()
            let body = try await JSONObjectBody(request, fields: ["url"], example: #"{"url": "https://example.com/hooks/tickerwire"}"#)
            let webhook = Webhook(
                id: RandomID.make("whk_"), keyID: key.id, url: try Self.url(body), secret: WebhookSignature.newSecret(), created: clock())
            try await store.saveWebhook(webhook)
            return Response.json(Self.json(webhook, secret: true), status: .created)
        }
        router.get("/v1/webhooks") { request, context in
            let key = try context.requireKey()
            return try ListPage.response(try await store.webhooks(keyID: key.id), request, field: "webhooks") { w, h in
                Self.write(h, secret: false, &w)
            }
        }
        router.get("/v1/webhooks/:id") { _, context in
            Response.json(Self.json(try await find(context), secret: true))
        }
        router.patch("/v1/webhooks/:id") { request, context in
            var webhook = try await find(context)
            let body = try await JSONObjectBody(request, fields: ["url", "enabled"], example: #"{"enabled": true}"#)
            if body.object["url"] != nil { webhook.url = try Self.url(body) }
            if let enabled = try body.bool("enabled") {
                webhook.enabled = enabled
                webhook.disabledReason = enabled ? nil : "disabled by its owner"
            }
            try await store.saveWebhook(webhook)
            sender.wake()
            return Response.json(Self.json(webhook, secret: false))
        }
        router.delete("/v1/webhooks/:id") { _, context in
            let webhook = try await find(context)
            _ = try await store.deleteWebhook(id: webhook.id, keyID: webhook.keyID)
            // Its rules stop naming it, stored and live (or their alerts would queue deliveries to nowhere).
            let changed = try await store.rules(keyID: webhook.keyID).filter { $0.webhooks.contains(webhook.id) }.map { rule in
                var r = rule
                r.webhooks.removeAll { $0 == webhook.id }
                return r
            }
            try await store.saveRules(changed)
            for rule in changed { try alerts.put(rule) }
            return Response(status: .noContent)
        }
        router.get("/v1/webhooks/:id/deliveries") { request, context in
            let webhook = try await find(context)
            let q = QueryReader(request: request)
            let limit = try q.int("limit", in: 1...500, code: .invalidLimit) ?? 50
            var before: Int64? = nil
            if let raw = q.string("cursor") {
                guard let c = Int64(raw), c > 0 else { throw APIError(.invalidCursor, "cursor must be a next_cursor this list returned") }
                before = c
            }
            let page = try await store.deliveries(webhookID: webhook.id, keyID: webhook.keyID, before: before, limit: limit)
            var w = JSONWriter(capacity: 4096)
            w.beginObject()
            w.objects("deliveries", page) { w, entry in Self.write(entry.1, &w) }
            w.field("next_cursor", page.count == limit ? page.last.map { String($0.cursor) } : nil)
            w.endObject()
            return Response.json(w.bytes)
        }
        router.post("/v1/webhooks/:id/deliveries/:delivery/replay") { _, context in
            let webhook = try await find(context)
            let id = context.parameters.get("delivery") ?? ""
            guard try await store.replayDelivery(id: id, webhookID: webhook.id, keyID: webhook.keyID, at: clock()) else {
                throw APIError(.notFound, "no delivery \(id.prefix(40)) for this webhook")
            }
            sender.wake()
            var w = JSONWriter()
            w.beginObject()
            w.field("id", id)
            w.field("status", WebhookDelivery.Status.pending.rawValue)
            w.endObject()
            return Response.json(w.bytes, status: .accepted)
        }
    }

    private func find(_ context: APIRequestContext) async throws -> Webhook {
        try await context.owned("webhook", { try await store.webhooks(keyID: $0) }, id: \.id)
    }

    private static func url(_ body: JSONObjectBody) throws -> String {
        let raw = try body.string("url", required: true)!
        guard let url = URL(string: raw), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host?.isEmpty == false
        else { throw APIError(.invalidParameter, "url must be an http or https URL, not \"\(raw.prefix(80))\"") }
        return raw
    }

    static func json(_ webhook: Webhook, secret: Bool) -> [UInt8] {
        JSONWriter.object { write(webhook, secret: secret, &$0) }
    }

    /// The fields of an endpoint (its secret only when asked for it by id, or when made).
    static func write(_ webhook: Webhook, secret: Bool, _ w: inout JSONWriter) {
        w.field("id", webhook.id)
        w.field("url", webhook.url)
        if secret { w.field("secret", webhook.secret) }
        w.field("enabled", webhook.enabled)
        if let reason = webhook.disabledReason { w.field("disabled_reason", reason) }
        w.field("created", DateParsing.isoString(webhook.created))
    }

    /// The fields of a delivery, with its attempts.
    static func write(_ d: WebhookDelivery, _ w: inout JSONWriter) {
        w.field("id", d.id)
        w.field("alert_sequence", Int(d.alertSeq))
        w.field("status", d.status.rawValue)
        w.field("next_attempt", d.status == .pending ? d.nextAttempt.map(DateParsing.isoString) : nil)
        w.field("created", DateParsing.isoString(d.created))
        w.objects("attempts", d.attempts) { w, a in
            w.field("at", DateParsing.isoString(a.at))
            if let status = a.status { w.field("status", status) }
            if let error = a.error { w.field("error", error) }
            w.field("milliseconds", (a.milliseconds * 10).rounded() / 10)
        }
    }
}
