import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NewsStore
import Testing

@testable import NewsServer

/// The HTTP API over real HTTP on loopback: bad input, push and search, the Benzinga-compatible endpoints, live
/// SSE with resume, keys and rate limits.
@Suite(.serialized) struct ServerAPITests {
    static let apple =
        #"{"id": "t1", "title": "Apple beats estimates", "body": "Apple Inc AAPL reported record quarterly revenue and raised its dividend.", "published": "2024-05-02T20:30:00Z", "source": "wire"}"#

    struct BadInput: Sendable, CustomTestStringConvertible {
        var name: String
        var method: HTTPMethod = .GET
        var path: String
        var contentType: String? = nil
        var body: Data? = nil
        var key: Bool = true
        var status: Int
        var code: String
        var testDescription: String { name }
    }

    static let badInputs: [BadInput] = [
        BadInput(
            name: "malformed JSON", method: .POST, path: "/v1/articles", contentType: "application/json", body: Data(#"{"title": "x","#.utf8),
            status: 400, code: "invalid_json"),
        BadInput(
            name: "invalid UTF-8", method: .POST, path: "/v1/articles", contentType: "application/json", body: Data([0x7B, 0x22, 0xFF, 0x22, 0x7D]),
            status: 400, code: "invalid_utf8"),
        BadInput(
            name: "an unknown field", method: .POST, path: "/v1/articles", contentType: "application/json",
            body: Data(#"{"title": "x", "tickers": ["A"]}"#.utf8), status: 400, code: "unknown_field"),
        BadInput(
            name: "a bad line in a batch", method: .POST, path: "/v1/articles", contentType: "application/x-ndjson",
            body: Data("{\"title\": \"ok\"}\n{\"title\": 5}\n".utf8), status: 400, code: "invalid_article"),
        BadInput(
            name: "a bad published time", method: .POST, path: "/v1/articles", contentType: "application/json",
            body: Data(#"{"title": "x", "published": "Tuesday"}"#.utf8), status: 400, code: "invalid_date"),
        BadInput(name: "a bad date parameter", path: "/api/v2/news?dateFrom=15-09-2020", status: 400, code: "invalid_date"),
        BadInput(name: "a bad cursor", path: "/v1/articles?cursor=s12x", status: 400, code: "invalid_cursor"),
        BadInput(name: "an unknown ticker", path: "/api/v2/news?tickers=AAPL,QQQQZZ", status: 400, code: "unknown_ticker"),
        BadInput(name: "pageSize 10,000", path: "/api/v2/news?pageSize=10000", status: 400, code: "invalid_limit"),
        BadInput(
            name: "a 40 MB body", method: .POST, path: "/v1/articles", contentType: "application/json", body: Data(count: 40 << 20), status: 413,
            code: "body_too_large"),
        BadInput(
            name: "the wrong content type", method: .POST, path: "/v1/articles", contentType: "text/csv", body: Data("a,b".utf8), status: 415,
            code: "unsupported_media_type"),
        BadInput(name: "no key", path: "/v1/articles", key: false, status: 401, code: "unauthorized"),
        BadInput(name: "an unknown route", path: "/v1/nothing", status: 404, code: "not_found"),
        BadInput(name: "a bad Last-Event-ID", path: "/v1/stream?last_event_id=abc", status: 400, code: "invalid_cursor"),
        BadInput(name: "an unknown event type", path: "/v1/articles?events=rumour", status: 400, code: "invalid_parameter"),
    ]

    @Test(arguments: badInputs)
    func badInputIsAPreciseProblem(_ bad: BadInput) async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let reply = try await server.request(bad.method, bad.path, key: bad.key ? server.adminKey : nil, contentType: bad.contentType, body: bad.body)
        #expect(reply.status == bad.status, "\(String(decoding: reply.body, as: UTF8.self))")
        #expect(reply.headers["Content-Type"].first == "application/problem+json")
        #expect(reply.object["code"] as? String == bad.code)
        #expect(reply.object["status"] as? Int == bad.status)
        #expect((reply.object["detail"] as? String)?.isEmpty == false)
        #expect(try await server.store.count() == 0, "nothing bad is stored")
        await server.stop()
    }

    @Test func pushSearchAndTheBenzingaShape() async throws {
        let server = try await TestServer.start()
        let pushed = try await server.push(Self.apple + "\n")
        #expect(pushed.status == 202)
        let id = try #require(((pushed.object["articles"] as? [[String: Any]])?.first?["id"]) as? Int)
        #expect(try await server.push(Self.apple + "\n").object["articles"].map { "\($0)" }?.contains("duplicate") == true)

        let native = try await server.get("/v1/articles?tickers=AAPL")
        let articles = try #require(native.object["articles"] as? [[String: Any]])
        #expect(articles.map { $0["id"] as? Int } == [id])
        #expect((articles[0]["instruments"] as? [[String: Any]])?.first?["symbol"] as? String == "AAPL")
        #expect(try await server.get("/v1/articles/\(id)").object["title"] as? String == "Apple beats estimates")
        #expect(try await server.get("/v1/articles/999999").status == 404)

        let bz = try await server.get("/api/v2/news?tickers=AAPL&displayOutput=abstract&pageSize=5")
        let items = try #require(bz.json as? [[String: Any]])
        #expect(items.count == 1)
        let item = items[0]
        #expect(item["id"] as? Int == id)
        #expect(item["created"] as? String == "Thu, 02 May 2024 20:30:00 +0000")
        #expect(item["teaser"] as? String == "Apple Inc AAPL reported record quarterly revenue and raised its dividend.")
        #expect(item["body"] == nil, "body only with displayOutput=full")
        #expect((item["stocks"] as? [[String: Any]])?.first?["name"] as? String == "AAPL")
        #expect((item["image"] as? [Any])?.isEmpty == true)
        let none = try await server.get("/api/v2/news?tickers=MSFT")
        #expect((none.json as? [Any])?.isEmpty == true)
        #expect((try await server.get("/api/v2/news/\(id)").json as? [[String: Any]])?.first?["body"] as? String != nil)
        #expect(try await server.get("/api/v2/news-removed").json as? [Any] != nil)
        #expect(try await server.get("/healthz", key: nil).status == 200)
        #expect(try await server.get("/readyz", key: nil).object["articles"] as? Int == 1)
        let metrics = String(decoding: try await server.get("/metrics", key: nil).body, as: UTF8.self)
        #expect(metrics.contains(#"tickerwire_articles_total{stage="stored",source="push"} 1"#), "\(metrics.prefix(2000))")
        #expect(metrics.contains(#"tickerwire_articles_total{stage="duplicate",source="push"} 1"#))
        await server.stop()
    }

    @Test func sseDeliversLiveArticlesAndResumesFromLastEventID() async throws {
        let server = try await TestServer.start()
        let live = try await Self.openStream(server, "/v1/stream?tickers=AAPL")
        #expect(live.contentType == "text/event-stream")
        _ = try await server.push(Self.apple + "\n" + #"{"title": "Microsoft news", "body": "Microsoft Corp MSFT said little."}"# + "\n")
        let received = try await Self.read(live.chunks, until: "event: article")
        #expect(received.contains("id: 1\nevent: article\ndata: {\"id\":1"), "\(received)")
        #expect(!received.contains("Microsoft"), "the ticker filter holds")

        // A client that reconnects after id 0 first gets what it missed, from the store.
        let resumed = try await Self.openStream(server, "/v1/stream?tickers=AAPL", lastEventID: "0")
        let caughtUp = try await Self.read(resumed.chunks, until: "event: article")
        #expect(caughtUp.contains("id: 1\nevent: article"), "\(caughtUp)")
        await server.stop()
    }

    static func openStream(_ server: TestServer, _ path: String, key: String? = nil, lastEventID: String? = nil) async throws -> (
        contentType: String?, chunks: HTTPClientResponse.Body.AsyncIterator
    ) {
        var request = HTTPClientRequest(url: server.base + path)
        request.headers.add(name: "Authorization", value: "Bearer \(key ?? server.adminKey)")
        if let lastEventID { request.headers.add(name: "Last-Event-ID", value: lastEventID) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        return (response.headers["Content-Type"].first, response.body.makeAsyncIterator())
    }

    /// Reads a stream until `marker` shows (or 10 s pass).
    static func read(_ chunks: HTTPClientResponse.Body.AsyncIterator, until marker: String) async throws -> String {
        var chunks = chunks
        var received = ""
        let deadline = Date().addingTimeInterval(10)
        while !received.contains(marker), Date() < deadline, let chunk = try await chunks.next() { received += String(buffer: chunk) }
        return received
    }

    @Test func keysHaveScopesAndRevocationTakesEffect() async throws {
        let server = try await TestServer.start()
        let made = try await server.request(
            .POST, "/v1/keys", key: server.adminKey, contentType: "application/json", body: Data(#"{"name": "reader", "scope": "read"}"#.utf8))
        #expect(made.status == 201)
        let reader = try #require(made.object["key"] as? String)
        let id = try #require(made.object["id"] as? String)
        #expect(try await server.get("/v1/articles", key: reader).status == 200)
        let write = try await server.push(Self.apple, key: reader)
        #expect(write.status == 403)
        #expect(write.object["code"] as? String == "forbidden")
        #expect(try await server.get("/v1/keys", key: reader).status == 403)
        #expect(try await server.request(.DELETE, "/v1/keys/\(id)", key: server.adminKey).status == 204)
        let revoked = try await server.get("/v1/articles", key: reader)
        #expect(revoked.status == 401)
        #expect(revoked.object["code"] as? String == "unauthorized")
        #expect(try await server.get("/v1/articles?token=\(server.adminKey)", key: nil).status == 200, "token= as Benzinga clients send it")
        await server.stop()
    }

    @Test func aKeyOverItsRateIsToldWhenToComeBack() async throws {
        let server = try await TestServer.start(rateLimit: 1)
        var statuses: [Int] = []
        var retryAfter: String?
        for _ in 0..<4 {
            let r = try await server.get("/v1/articles")
            statuses.append(r.status)
            if r.status == 429 { retryAfter = r.headers["Retry-After"].first }
        }
        #expect(statuses.prefix(2) == [200, 200], "a burst of two is allowed")
        #expect(statuses.last == 429)
        #expect(retryAfter == "1")
        await server.stop()
    }
}
