import Foundation
import HTTPTypes
import Hummingbird
import NewsAnalysis
import NewsModel
import NewsStore

/// The dashboard at `/`: pages rendered here with swift-mustache (`Resources/web/templates`), a stylesheet and one
/// script (`Resources/web/static`). A browser signs in with an API key — by the form, or `/?token=KEY` — and the key
/// becomes an HttpOnly cookie; the pages' script then calls the API itself with that cookie and the CSRF token.
struct WebRoutes {
    typealias Store = any NewsStore & AlertStore & KeyStore

    let pages: WebPages
    let store: Store
    let cache: KeyCache
    let analyzer: NewsAnalyzer
    let alerts: AlertRules
    let clock: @Sendable () -> Date

    /// A signed-in browser: its key, checked, and the CSRF token its forms carry.
    struct Session {
        var key: APIKey
        var csrf: String
    }

    func register(on router: Router<APIRequestContext>) {
        router.get("/static/:file") { _, context in
            guard let response = pages.asset(context.parameters.get("file") ?? "") else { throw APIError(.notFound, "no such file") }
            return response
        }
        router.get("/") { request, _ in
            if let token = request.uri.queryParameters.get("token") { return try await signIn(token, request) }
            guard let session = try await session(request) else { return pages.render("signin", [:]) }
            let page = try await store.search(NewsQuery(limit: 60))
            var context = base(session, "feed")
            context["stories"] = ArticleItem.stories(page.articles)
            context["newest"] = String(page.articles.first?.seq ?? 0)
            return pages.render("feed", context)
        }
        router.post("/signin") { request, _ in
            try Self.requireSameSite(request)
            return try await signIn(try await Self.form(request)["key"] ?? "", request)
        }
        router.post("/signout") { request, _ in
            try Self.requireSameSite(request)
            let form = try await Self.form(request)
            if let key = WebSession.key(in: request), !WebSession.isValidCSRF(form[WebSession.csrfField], key: key) {
                throw APIError(.forbidden, "the form's CSRF token is missing or wrong; reload the page")
            }
            var response = WebPages.redirect(to: "/")
            WebSession.signOut(&response)
            return response
        }
        // What the live feed adds: the articles after `after`, oldest first, as list items.
        router.get("/feed/items") { request, _ in
            guard let session = try await session(request) else { throw APIError(.unauthorized, "sign in first") }
            let after = Int64(request.uri.queryParameters.get("after") ?? "") ?? 0
            let page = try await store.search(NewsQuery(after: after, limit: 50, order: .oldest))
            var context = base(session, "feed")
            context["items"] = page.articles.map(ArticleItem.context)
            return pages.render("feed-items", context)
        }
        router.get("/articles/:seq") { request, context in
            guard let session = try await session(request) else { return WebPages.redirect(to: "/") }
            guard let seq = Int64(context.parameters.get("seq") ?? ""), let article = try await store.article(seq) else {
                return pages.render("missing", base(session, ""), status: .notFound)
            }
            return pages.render("article", base(session, "").merging(ArticlePage.context(article, analyzer: analyzer)) { a, _ in a })
        }
        router.get("/instruments/:symbol") { request, context in
            guard let session = try await session(request) else { return WebPages.redirect(to: "/") }
            let symbol = (context.parameters.get("symbol") ?? "").uppercased()
            let name = analyzer.master.instrument(symbol: symbol).map { analyzer.master.instruments[Int($0)].name }
            let page = try await InstrumentPage.context(symbol: symbol, name: name, store: store, now: clock())
            return pages.render("instrument", base(session, "").merging(page) { a, _ in a })
        }
        router.get("/search") { request, _ in
            guard let session = try await session(request) else { return WebPages.redirect(to: "/") }
            return pages.render("search", base(session, "search").merging(try await SearchPage.context(request, store: store)) { a, _ in a })
        }
        router.get("/rules") { request, _ in
            guard let session = try await session(request) else { return WebPages.redirect(to: "/") }
            let keyID = session.key.id
            let webhooks = try await store.webhooks(keyID: keyID)
            var context = base(session, "rules")
            context["watchlists"] = try await store.watchlists(keyID: keyID).map {
                ["id": $0.id, "name": $0.name, "tickers": $0.tickers.joined(separator: ", ")]
            }
            context["rules"] = try await store.rules(keyID: keyID).map { r -> [String: Any] in
                [
                    "id": r.id, "name": r.name, "query": r.query, "parsed": alerts.expression(ruleID: r.id)?.description ?? "", "muted": r.muted,
                    "active": r.isActive(at: clock()), "webhooks": ArticleItem.present(r.webhooks.joined(separator: ", ")),
                ]
            }
            context["webhooks"] = webhooks.map { ["id": $0.id, "url": $0.url] }
            context["hasWebhooks"] = !webhooks.isEmpty
            return pages.render("rules", context)
        }
        router.get("/alerts") { request, _ in
            guard let session = try await session(request) else { return WebPages.redirect(to: "/") }
            let keyID = session.key.id
            var context = base(session, "alerts")
            let recent = try await store.recentAlerts(keyID: keyID, limit: 50)
            context["alerts"] = recent.map(Self.alertContext)
            context["newest"] = String(recent.first?.0.seq ?? 0)
            var hooks: [[String: Any]] = []
            for w in try await store.webhooks(keyID: keyID) {
                let deliveries = try await store.deliveries(webhookID: w.id, keyID: keyID, before: nil, limit: 20)
                hooks.append([
                    "id": w.id, "url": w.url, "enabled": w.enabled, "disabledReason": w.disabledReason ?? "",
                    "deliveries": deliveries.map { Self.deliveryContext($0.1) },
                ])
            }
            context["webhooks"] = hooks
            return pages.render("alerts", context)
        }
        router.get("/alerts/items") { request, _ in
            guard let session = try await session(request) else { throw APIError(.unauthorized, "sign in first") }
            let after = Int64(request.uri.queryParameters.get("after") ?? "") ?? 0
            var context = base(session, "alerts")
            context["alerts"] = try await store.alerts(keyID: session.key.id, after: after, limit: 50).map(Self.alertContext)
            return pages.render("alert-items", context)
        }
        router.get("/keys") { request, _ in
            guard let session = try await session(request) else { return WebPages.redirect(to: "/") }
            var context = base(session, "keys")
            context["admin"] = session.key.scope == .admin
            context["own"] = Self.keyContext(session.key)
            if session.key.scope == .admin { context["keys"] = try await store.keys().map(Self.keyContext) }
            return pages.render("keys", context)
        }
    }

    /// The signed-in browser's session, or nil (no cookie, or a key unknown or revoked).
    func session(_ request: Request) async throws -> Session? {
        guard let raw = WebSession.key(in: request) else { return nil }
        guard let key = try await cache.activeKey(raw, in: store, now: clock()) else { return nil }
        return Session(key: key, csrf: WebSession.csrfToken(forKey: raw))
    }

    /// Checks the key and signs the browser in (to `/`, the token out of the address bar), or shows why not.
    private func signIn(_ raw: String, _ request: Request) async throws -> Response {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        // Only what a key can look like goes on to the store, and into the cookie as is.
        let wellFormed =
            !trimmed.isEmpty
            && trimmed.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
            }
        guard wellFormed, try await cache.activeKey(trimmed, in: store, now: clock()) != nil else {
            return pages.render("signin", ["error": "That API key is unknown or has been revoked."], status: .unauthorized)
        }
        var response = WebPages.redirect(to: "/")
        WebSession.signIn(&response, key: trimmed, secure: WebSession.isSecure(request))
        return response
    }

    /// What every signed-in page's layout needs.
    private func base(_ session: Session, _ current: String) -> [String: Any] {
        ["signedIn": true, "csrf": session.csrf, "keyName": session.key.name, "scope": session.key.scope.rawValue, "nav": [current: true]]
    }

    static func alertContext(_ entry: (Alert, StoredArticle?)) -> [String: Any] {
        let (alert, article) = entry
        return [
            "seq": String(alert.seq), "rule": alert.ruleName, "timeText": ArticleItem.timeText(alert.created),
            "time": DateParsing.isoString(alert.created), "article": article.map(ArticleItem.context) ?? false,
        ]
    }

    static func deliveryContext(_ d: WebhookDelivery) -> [String: Any] {
        let last = d.attempts.last
        return [
            "id": d.id, "webhookID": d.webhookID, "status": d.status.rawValue, "attempts": String(d.attempts.count),
            "last": last.map { a in a.status.map { "HTTP \($0)" } ?? (a.error ?? "no answer") } ?? "not tried yet",
            "next": d.status == .pending ? d.nextAttempt.map(ArticleItem.timeText) ?? "" : "", "created": ArticleItem.timeText(d.created),
        ]
    }

    static func keyContext(_ k: APIKey) -> [String: Any] {
        [
            "id": k.id, "name": k.name, "prefix": k.prefix, "scope": k.scope.rawValue, "created": ArticleItem.timeText(k.created),
            "revoked": k.revoked != nil,
        ]
    }

    /// A form posted from another site is refused (signing a browser in to someone else's key is an attack too):
    /// browsers say where a request comes from in `Sec-Fetch-Site`, and older ones in `Origin`.
    static func requireSameSite(_ request: Request) throws {
        let refused = APIError(.forbidden, "this form is accepted from the dashboard's own pages only")
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!] {
            guard site == "same-origin" || site == "none" else { throw refused }
            return
        }
        if let origin = request.headers[.origin], origin != "null", let url = URL(string: origin), let host = request.head.authority,
            (url.host ?? "") + (url.port.map { ":\($0)" } ?? "") != host
        {
            throw refused
        }
    }

    /// An `application/x-www-form-urlencoded` body's fields (a sign-in form is small: 16 KB at most).
    static func form(_ request: Request) async throws -> [String: String] {
        var request = request
        let body = try await request.collectBody(upTo: 16 << 10)
        var fields: [String: String] = [:]
        for pair in String(buffer: body).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            if let name = parts.first { fields[name] = parts.count > 1 ? parts[1] : "" }
        }
        return fields
    }
}
