import Foundation
import Hummingbird
import NewsAlerts
import NewsAnalysis
import NewsModel
import NewsStore

/// `/v1/rules`: a key's alert rules in the rule language (CONTRACTS.md §6). A query that does not parse is a 400
/// `invalid_rule` with the position; one with nothing to index is accepted, and says so (`"indexed": false`).
/// `muted` and `snoozed_until` silence a rule without deleting it.
struct RuleRoutes {
    let store: any AlertStore & NewsStore
    let alerts: AlertRules
    let clock: @Sendable () -> Date

    static let fields: Set<String> = ["name", "query", "webhooks", "muted", "snoozed_until"]
    static let example = #"{"name": "BABA sanctions", "query": "ticker:BABA event:sanction", "webhooks": ["whk_…"]}"#
    /// The newest articles a rule is tried against (`POST /v1/rules/test`).
    static let testedArticles = 500

    func register(on router: Router<APIRequestContext>) {
        router.post("/v1/rules") { request, context in
            let key = try context.requireKey()
            let body = try await JSONObjectBody(request, fields: Self.fields, example: Self.example)
            var rule = AlertRule(
                id: RandomID.make("rul_"), keyID: key.id, name: try body.string("name", required: true)!,
                query: try body.string("query", required: true)!, created: clock())
            try await apply(body, to: &rule)
            return Response.json(json(rule), status: .created)
        }
        // Checking and trying a rule save nothing: the dashboard's editor calls them as the user types.
        router.post("/v1/rules/check") { request, context in
            let key = try context.requireKey()
            let body = try await JSONObjectBody(request, fields: ["query"], example: #"{"query": "ticker:AAPL event:earnings"}"#)
            let query = try body.string("query", required: true)!
            do {
                let expression = try checked(query, keyID: key.id)
                return Response.json(
                    JSONWriter.object { w in
                        w.field("valid", true)
                        w.field("parsed", expression.description)
                    })
            } catch let error as APIError {
                return Response.json(
                    JSONWriter.object { w in
                        w.field("valid", false)
                        w.field("error", error.detail)
                        w.field("position", error.position ?? 0)
                    })
            }
        }
        router.post("/v1/rules/test") { request, context in
            let key = try context.requireKey()
            let body = try await JSONObjectBody(request, fields: ["query", "limit"], example: #"{"query": "ticker:AAPL", "limit": 20}"#)
            let limit = try body.int("limit") ?? 20
            guard (1...200).contains(limit) else { throw APIError(.invalidLimit, "limit must be 1 to 200, not \(limit)") }
            let expression = try checked(try body.string("query", required: true)!, keyID: key.id)
            let watchlists = alerts.watchlists(keyID: key.id)
            let recent = try await store.search(NewsQuery(limit: Self.testedArticles)).articles
            let caught = recent.lazy.compactMap { a in expression.reasons(ArticleFeatures(a), watchlists: watchlists).map { (a, $0) } }.prefix(limit)
            return Response.json(
                JSONWriter.object { w in
                    w.field("scanned", recent.count)
                    w.objects("matches", caught) { w, m in
                        w.key("article")
                        w.encoded(ArticleJSON.encode(m.0))
                        w.strings("reasons", m.1)
                    }
                })
        }
        router.get("/v1/rules") { request, context in
            let key = try context.requireKey()
            return try ListPage.response(try await store.rules(keyID: key.id), request, field: "rules") { w, r in write(r, &w) }
        }
        router.get("/v1/rules/:id") { _, context in
            Response.json(json(try await find(context)))
        }
        router.patch("/v1/rules/:id") { request, context in
            var rule = try await find(context)
            let body = try await JSONObjectBody(
                request, fields: Self.fields, example: #"{"muted": true} or {"snoozed_until": "2026-12-01T00:00:00Z"}"#)
            if let name = try body.string("name") { rule.name = name }
            if let query = try body.string("query") { rule.query = query }
            try await apply(body, to: &rule)
            return Response.json(json(rule))
        }
        router.delete("/v1/rules/:id") { _, context in
            let rule = try await find(context)
            _ = try await store.deleteRule(id: rule.id, keyID: rule.keyID)
            alerts.remove(ruleID: rule.id)
            return Response(status: .noContent)
        }
    }

    /// Checks and applies the optional fields and the query, then saves the rule and files it.
    private func apply(_ body: JSONObjectBody, to rule: inout AlertRule) async throws {
        if let webhooks = try body.strings("webhooks") {
            let owned = Set(try await store.webhooks(keyID: rule.keyID).map(\.id))
            if let unknown = webhooks.first(where: { !owned.contains($0) }) {
                throw APIError(.invalidParameter, "no webhook \(unknown.prefix(40)) for this key; POST /v1/webhooks makes one")
            }
            rule.webhooks = Array(Set(webhooks)).sorted()
        }
        if let muted = try body.bool("muted") { rule.muted = muted }
        if body.isNull("snoozed_until") {
            rule.snoozedUntil = nil
        } else if let until = try body.string("snoozed_until") {
            guard let date = DateParsing.timestamp(until) else {
                throw APIError(.invalidDate, "snoozed_until must be an ISO 8601 time, not \"\(until.prefix(40))\"")
            }
            rule.snoozedUntil = date
        }
        let expression = try checked(rule.query, keyID: rule.keyID)
        try await store.saveRules([rule])
        alerts.put(rule, parsed: expression)
    }

    /// The query parsed, its watchlists the key's own; or a 400 `invalid_rule` with the position.
    private func checked(_ query: String, keyID: String) throws -> RuleExpression {
        let expression: RuleExpression
        do {
            expression = try RuleParser.parse(query)
        } catch {
            var e = APIError(.invalidRule, "\(error.message) (at character \(error.position + 1))")
            e.position = error.position
            throw e
        }
        for name in expression.watchlistNames.sorted() where !alerts.hasWatchlist(keyID: keyID, name: name) {
            var e = APIError(.invalidRule, "no watchlist named \(name) for this key; POST /v1/watchlists makes one")
            e.position = query.distance(from: query.startIndex, to: query.range(of: "@" + name)?.lowerBound ?? query.startIndex)
            throw e
        }
        return expression
    }

    private func find(_ context: APIRequestContext) async throws -> AlertRule {
        try await context.owned("rule", { try await store.rules(keyID: $0) }, id: \.id)
    }

    private func json(_ rule: AlertRule) -> [UInt8] {
        JSONWriter.object { write(rule, &$0) }
    }

    /// The fields of a rule, with how it reads once parsed and whether it could be indexed.
    private func write(_ rule: AlertRule, _ w: inout JSONWriter) {
        w.field("id", rule.id)
        w.field("name", rule.name)
        w.field("query", rule.query)
        if let parsed = alerts.expression(ruleID: rule.id) { w.field("parsed", parsed.description) }
        w.strings("webhooks", rule.webhooks)
        w.field("muted", rule.muted)
        w.field("snoozed_until", rule.snoozedUntil.map(DateParsing.isoString))
        w.field("active", rule.isActive(at: clock()))
        w.field("indexed", alerts.isIndexed(ruleID: rule.id))
        w.field("created", DateParsing.isoString(rule.created))
    }
}
