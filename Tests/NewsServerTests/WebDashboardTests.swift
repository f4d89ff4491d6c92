import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing

@testable import NewsServer

/// The dashboard's server side over real HTTP: signing in, the cookie and CSRF rules, the security headers, the rule
/// editor's API, and the pure pieces (highlighting, the chart). The pages in a real browser: `scripts/browser-test`.
@Suite struct WebDashboardTests {
    /// A client that shows redirects instead of following them (to see the sign-in cookie).
    static let client: HTTPClient = {
        var config = HTTPClient.Configuration()
        config.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: config)
    }()

    static func fetch(
        _ server: TestServer, _ method: HTTPMethod, _ path: String, cookie: String? = nil, headers: [(String, String)] = [], body: String? = nil,
        contentType: String = "application/json"
    ) async throws -> (status: Int, headers: HTTPHeaders, body: String) {
        var request = HTTPClientRequest(url: server.base + path)
        request.method = method
        if let cookie { request.headers.add(name: "Cookie", value: "tickerwire_key=\(cookie)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await client.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        return (Int(response.status.code), response.headers, String(buffer: bytes))
    }

    @Test func signingInGivesAnHttpOnlyCookieAndEveryPageNeedsIt() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let signIn = try await Self.fetch(server, .GET, "/")
        #expect(signIn.status == 200 && signIn.body.contains(#"name="key""#))
        let policy = signIn.headers.first(name: "Content-Security-Policy") ?? ""
        #expect(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"), "\(policy)")
        #expect(try await Self.fetch(server, .GET, "/rules").headers.first(name: "Location") == "/", "signed out: back to the sign-in")

        let byToken = try await Self.fetch(server, .GET, "/?token=\(server.adminKey)")
        #expect(byToken.status == 303 && byToken.headers.first(name: "Location") == "/", "the token leaves the address bar")
        let cookie = byToken.headers.first(name: "Set-Cookie") ?? ""
        #expect(cookie.hasPrefix("tickerwire_key=\(server.adminKey);") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))

        let byForm = try await Self.fetch(
            server, .POST, "/signin", body: "key=\(server.adminKey)", contentType: "application/x-www-form-urlencoded")
        #expect(byForm.status == 303 && (byForm.headers.first(name: "Set-Cookie") ?? "").contains("HttpOnly"))
        let forged = try await Self.fetch(
            server, .POST, "/signin", headers: [("Origin", "https://evil.example")], body: "key=\(server.adminKey)",
            contentType: "application/x-www-form-urlencoded")
        #expect(forged.status == 403 && forged.headers.first(name: "Set-Cookie") == nil, "a sign-in form posted from another site")
        let crossSite = try await Self.fetch(
            server, .POST, "/signin", headers: [("Sec-Fetch-Site", "cross-site")], body: "key=\(server.adminKey)",
            contentType: "application/x-www-form-urlencoded")
        #expect(crossSite.status == 403)
        let sameOrigin = try await Self.fetch(
            server, .POST, "/signin", headers: [("Origin", server.base), ("Sec-Fetch-Site", "same-origin")], body: "key=\(server.adminKey)",
            contentType: "application/x-www-form-urlencoded")
        #expect(sameOrigin.status == 303)
        let wrong = try await Self.fetch(server, .POST, "/signin", body: "key=tw_nope", contentType: "application/x-www-form-urlencoded")
        #expect(wrong.status == 401 && wrong.body.contains("unknown or has been revoked") && wrong.headers.first(name: "Set-Cookie") == nil)
        #expect(try await Self.fetch(server, .GET, "/rules", cookie: "tw_revoked_or_made_up").status == 303)

        for page in ["/", "/search?q=apple", "/rules", "/alerts", "/keys", "/instruments/AAPL"] {
            let signedIn = try await Self.fetch(server, .GET, page, cookie: server.adminKey)
            #expect(signedIn.status == 200, "\(page)")
            #expect(signedIn.body.contains(#"<meta name="csrf-token" content="\#(WebSession.csrfToken(forKey: server.adminKey))">"#), "\(page)")
        }
        let signOut = try await Self.fetch(
            server, .POST, "/signout", cookie: server.adminKey, body: "csrf=wrong", contentType: "application/x-www-form-urlencoded")
        #expect(signOut.status == 403, "signing out is a form like the others: it needs the token")
    }

    @Test func changesMadeWithTheCookieNeedTheCSRFToken() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let key = server.adminKey
        let rule = #"{"name": "apple", "query": "ticker:AAPL"}"#
        #expect(try await Self.fetch(server, .GET, "/v1/rules", cookie: key).status == 200, "reading needs no token")
        #expect(try await Self.fetch(server, .POST, "/v1/rules", cookie: key, body: rule).status == 403, "a change without the token")
        #expect(try await Self.fetch(server, .POST, "/v1/rules", cookie: key, headers: [("X-CSRF-Token", "forged")], body: rule).status == 403)
        let token = WebSession.csrfToken(forKey: key)
        #expect(try await Self.fetch(server, .POST, "/v1/rules", cookie: key, headers: [("X-CSRF-Token", token)], body: rule).status == 201)
        #expect(token != WebSession.csrfToken(forKey: try await server.makeKey("other")), "each key has its own token")
        #expect(try await server.post("/v1/rules", rule).status == 201, "API clients with a key in a header need no token")
    }

    @Test func theRuleEditorChecksAndTriesQueries() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        #expect(try await server.push(AlertAPITests.appleStory(1)).status == 202)
        let bad = try await server.post("/v1/rules/check", #"{"query": "ticker:AAPL AND (event:earnings"}"#)
        #expect(bad.status == 200 && bad.object["valid"] as? Bool == false && bad.object["position"] as? Int == 16, "\(bad.object)")
        let good = try await server.post("/v1/rules/check", #"{"query": "ticker:aapl"}"#)
        #expect(good.object["valid"] as? Bool == true && good.object["parsed"] as? String == "ticker:AAPL", "\(good.object)")
        #expect(try await server.post("/v1/rules/check", #"{"query": "ticker:@nolist"}"#).object["position"] as? Int == 7)

        var tried = try await server.post("/v1/rules/test", #"{"query": "ticker:AAPL"}"#)
        for _ in 0..<100 where (tried.object["matches"] as? [Any])?.isEmpty != false {
            try await Task.sleep(for: .milliseconds(50))
            tried = try await server.post("/v1/rules/test", #"{"query": "ticker:AAPL"}"#)
        }
        let matches = try #require(tried.object["matches"] as? [[String: Any]])
        #expect(matches.count == 1 && (matches[0]["reasons"] as? [String])?.first?.hasPrefix("ticker:AAPL") == true, "\(tried.object)")
        #expect(try await server.post("/v1/rules/test", #"{"query": "ticker:MSFT"}"#).object["matches"] as? [Any] != nil)
        #expect(try await server.post("/v1/rules/test", #"{"query": "ticker:AAPL", "limit": 0}"#).status == 400)
        #expect(try await server.post("/v1/rules/test", #"{"query": "ticker:AAPL AND ("}"#).object["code"] as? String == "invalid_rule")
        let readOnly = try await server.makeKey("reader", scope: "read")
        #expect(try await server.post("/v1/rules/check", #"{"query": "ticker:AAPL"}"#, key: readOnly).status == 200, "checking changes nothing")
    }

    @Test func highlightsNestWithoutBreakingTheHTML() {
        let text = "Acme <Corp> (NYSE: ACME) rose 5% today."
        let h = ArticleHighlighter(
            text: text,
            marks: [
                .init(start: 0, end: 39, kind: .evidence, note: "price action"),
                .init(start: 0, end: 11, kind: .mention, note: "name", symbol: "ACME"),
                .init(start: 13, end: 23, kind: .mention, note: "exchange \"ticker\"", symbol: "ACME"),
                .init(start: 30, end: 32, kind: .amount, note: "percent"), .init(start: 8, end: 20, kind: .amount, note: "overlapping"),
            ])
        let html = h.html(0..<39)
        #expect(html.contains("&lt;Co") && !html.contains("<Co"), "the text is escaped")
        #expect(html.contains(#"title="exchange &quot;ticker&quot;""#), "so are the notes")
        // Well formed: every opened tag closes in order.
        var open: [String] = []
        var rest = Substring(html)
        while let lt = rest.firstIndex(of: "<") {
            let gt = rest[lt...].firstIndex(of: ">")!
            let tag = rest[rest.index(after: lt)..<gt]
            if tag.hasPrefix("/") {
                #expect(open.popLast() == String(tag.dropFirst()))
            } else {
                open.append(String(tag.prefix { $0 != " " }))
            }
            rest = rest[rest.index(after: gt)...]
        }
        #expect(open.isEmpty)
        let plain = html.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        #expect(plain == HTML.escape(text), "the marks add tags, never text")
        #expect(
            h.html(13..<23)
                == #"<span class="evidence" title="price action"><mark class="mention" data-symbol="ACME" title="exchange &quot;ticker&quot;" tabindex="0"><mark class="amount" title="overlapping" tabindex="0">NYSE: A</mark></mark></span><span class="evidence" title="price action"><mark class="mention" data-symbol="ACME" title="exchange &quot;ticker&quot;" tabindex="0">CME</mark></span>"#
        )
    }

    @Test func theChartHasADayPerBarAndBreaksItsLineOnEmptyDays() {
        let start = Date(timeIntervalSince1970: 1_700_006_400)
        let points: [(Date, Double?)] = [
            (start.addingTimeInterval(3600), 0.5), (start.addingTimeInterval(7200), -0.1), (start.addingTimeInterval(86_400 * 1 + 60), nil),
            (start.addingTimeInterval(86_400 * 3), -0.4), (start.addingTimeInterval(86_400 * 4), 0.2), (start.addingTimeInterval(-60), 1),
        ]
        let days = NewsVolumeChart.days(from: start, count: 30, points: points)
        #expect(days.map(\.articles).prefix(5) == [2, 1, 0, 1, 1] && days.count == 30, "the point before the first day is left out")
        #expect(abs((days[0].sentiment ?? 9) - 0.2) < 1e-9 && days[1].sentiment == nil && days[2].sentiment == nil)
        let svg = NewsVolumeChart(days: days).svg
        #expect(svg.components(separatedBy: "<rect").count - 1 == 30)
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 1 && svg.contains("<circle"), "one run of two days, one lone day")
        #expect(svg.contains("role=\"img\"") && svg.contains("<title id=\"chart-title\">"))
    }
}
