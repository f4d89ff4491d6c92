import AsyncHTTPClient
import Foundation
import HummingbirdWSClient
import Logging
import NewsServer
import Testing

/// Watchlists, rules, webhooks and alerts over the real API: alerts on every channel, signed webhooks with retries,
/// one alert per story, mute and snooze, and no key ever seeing another's.
@Suite(.serialized) struct AlertAPITests {
    /// An article about Apple that is its own story (unlike any other `n`).
    static func appleStory(_ n: Int) -> String {
        let topics = [
            "record iPhone revenue in China", "a new chip plant in Arizona", "a court ruling over its app store fees", "a dividend increase",
            "layoffs in its car project", "a recall of older chargers", "an acquisition of a music startup", "a supplier strike in India",
        ]
        return
            #"{"id": "apple-\#(n)", "title": "Apple Inc. (NASDAQ: AAPL) reports \#(topics[n % topics.count]) \#(n)", "body": "Apple Inc. (NASDAQ: AAPL) said on day \#(n) that \#(topics[(n * 3 + 1) % topics.count]) shaped the quarter, while analysts pointed at \#(topics[(n * 5 + 2) % topics.count]).", "source": "wire"}"#
    }

    static func id(_ reply: TestServer.Reply) throws -> String {
        try #require(reply.object["id"] as? String, "\(String(decoding: reply.body, as: UTF8.self))")
    }

    /// Polls `GET /v1/alerts` until `count` alerts are there (or 10 s pass).
    static func alerts(_ server: TestServer, key: String, count: Int) async throws -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(10)
        var alerts: [[String: Any]] = []
        repeat {
            alerts = try await server.get("/v1/alerts", key: key).object["alerts"] as? [[String: Any]] ?? []
            if alerts.count >= count { break }
            try await Task.sleep(for: .milliseconds(30))
        } while Date() < deadline
        return alerts
    }

    @Test func aRuleRaisesOneSignedAlertPerStoryOnEveryChannel() async throws {
        let server = try await TestServer.start()
        let receiver = WebhookReceiver()
        try await receiver.start()
        let hook = try await server.post("/v1/webhooks", #"{"url": "\#(receiver.url)"}"#)
        #expect(hook.status == 201)
        let secret = try #require(hook.object["secret"] as? String)
        #expect(secret.hasPrefix("whsec_"))
        #expect(try await server.post("/v1/watchlists", #"{"name": "core", "tickers": ["aapl", "NVDA"]}"#).status == 201)
        #expect(try await server.post("/v1/watchlists", #"{"name": "core", "tickers": ["MSFT"]}"#).status == 409)
        let bad = try await server.post("/v1/rules", #"{"name": "bad", "query": "ticker:AAPL AND (event:earnings"}"#)
        #expect(bad.status == 400)
        #expect(bad.object["code"] as? String == "invalid_rule" && bad.object["position"] as? Int == 16, "\(bad.object)")
        #expect(try await server.post("/v1/rules", #"{"name": "x", "query": "ticker:@nolist"}"#).object["position"] as? Int == 7)
        #expect(try await server.post("/v1/rules", #"{"name": "x", "query": "ticker:AAPL", "webhooks": ["whk_nope"]}"#).status == 400)
        #expect(
            try await server.post("/v1/rules", #"{"name": "x", "query": "sentiment<-0.99", "colour": "red"}"#).object["code"] as? String
                == "unknown_field")
        let rule = try await server.post("/v1/rules", #"{"name": "core news", "query": "ticker:@core", "webhooks": ["\#(try Self.id(hook))"]}"#)
        #expect(rule.status == 201 && rule.object["indexed"] as? Bool == true)
        let fallback = try await server.post("/v1/rules", #"{"name": "very negative", "query": "sentiment<-0.99"}"#)
        #expect(fallback.object["indexed"] as? Bool == false, "accepted, and shown as checked on every article")

        let sse = try await ServerAPITests.openStream(server, "/v1/stream?alerts=1")
        #expect(try await server.push(Self.appleStory(1)).status == 202)
        let streamed = try await ServerAPITests.read(sse.chunks, until: "event: alert")
        #expect(streamed.contains("event: alert\ndata: {\"id\":\"alt_"), "\(streamed)")

        let alerts = try await Self.alerts(server, key: server.adminKey, count: 1)
        #expect(alerts.count == 1)
        #expect((alerts.first?["rule"] as? [String: Any])?["id"] as? String == (try Self.id(rule)))
        #expect(
            ((alerts.first?["article"] as? [String: Any])?["instruments"] as? [[String: Any]])?.contains { $0["symbol"] as? String == "AAPL" } == true
        )

        let hooks = try await receiver.wait(for: 1)
        let first = try #require(hooks.first)
        #expect(first.id.hasPrefix("msg_"))
        #expect(WebhookSignature.verify(header: first.signature, id: first.id, timestamp: first.timestamp, body: first.body, secret: secret))
        #expect(!WebhookSignature.verify(header: first.signature, id: first.id, timestamp: first.timestamp + 1, body: first.body, secret: secret))
        #expect(first.object["type"] as? String == "alert.created")

        // The same story from another outlet raises nothing more; a new story does.
        _ = try await server.push(
            Self.appleStory(1).replacingOccurrences(of: "apple-1", with: "apple-1-copy").replacingOccurrences(of: "\"wire\"", with: "\"other\""))
        _ = try await server.push(Self.appleStory(2))
        #expect(try await receiver.wait(for: 2).count == 2)
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await Self.alerts(server, key: server.adminKey, count: 2).count == 2)
        #expect(receiver.received.count == 2)

        let resumed = try await ServerAPITests.openStream(server, "/v1/stream?alerts=1", lastEventID: "0")
        let caughtUp = try await ServerAPITests.read(resumed.chunks, until: "id: 2\nevent: alert")
        #expect(caughtUp.contains("id: 1\nevent: alert") && caughtUp.contains("id: 2\nevent: alert"), "\(caughtUp)")

        let deliveries = try await server.get("/v1/webhooks/\(try Self.id(hook))/deliveries").object["deliveries"] as? [[String: Any]] ?? []
        #expect(deliveries.map { $0["status"] as? String } == ["delivered", "delivered"])
        #expect(deliveries.first?["id"] as? String == receiver.received.last?.id, "newest first")
        await server.stop()
        await receiver.stop()
    }

    @Test func retriesKeepTheWebhookIDHonourRetryAfterAndA410Disables() async throws {
        let server = try await TestServer.start(webhookRetries: [0.2, 0.2, 0.2])
        let flaky = WebhookReceiver(script: [(500, nil), (429, "1"), (503, nil)])
        let gone = WebhookReceiver(script: [(410, nil)])
        try await flaky.start()
        try await gone.start()
        let flakyHook = try Self.id(try await server.post("/v1/webhooks", #"{"url": "\#(flaky.url)"}"#))
        let goneHook = try Self.id(try await server.post("/v1/webhooks", #"{"url": "\#(gone.url)"}"#))
        _ = try await server.post("/v1/rules", #"{"name": "apple", "query": "ticker:AAPL", "webhooks": ["\#(flakyHook)", "\#(goneHook)"]}"#)
        _ = try await server.push(Self.appleStory(3))

        let attempts = try await flaky.wait(for: 4)
        #expect(attempts.count == 4)
        #expect(Set(attempts.map(\.id)).count == 1, "every retry carries the same webhook-id")
        #expect(attempts[2].at.timeIntervalSince(attempts[1].at) >= 0.95, "Retry-After: 1 was honoured")
        _ = try await gone.wait(for: 1)
        try await Task.sleep(for: .milliseconds(300))
        let disabled = try await server.get("/v1/webhooks/\(goneHook)").object
        #expect(disabled["enabled"] as? Bool == false && (disabled["disabled_reason"] as? String)?.contains("410") == true, "\(disabled)")
        #expect(gone.received.count == 1, "a disabled endpoint gets nothing more")

        let listed = try await server.get("/v1/webhooks/\(flakyHook)/deliveries").object["deliveries"] as? [[String: Any]] ?? []
        #expect(listed.first?["status"] as? String == "delivered")
        #expect((listed.first?["attempts"] as? [[String: Any]])?.map { $0["status"] as? Int } == [500, 429, 503, 200])

        // Replayed: sent again under the same id.
        let delivery = try #require(listed.first?["id"] as? String)
        #expect(try await server.post("/v1/webhooks/\(flakyHook)/deliveries/\(delivery)/replay", "{}").status == 202)
        #expect(try await flaky.wait(for: 5).last?.id == delivery)
        // Re-enabled: the waiting delivery goes out.
        #expect(
            try await server.request(
                .PATCH, "/v1/webhooks/\(goneHook)", key: server.adminKey, contentType: "application/json", body: Data(#"{"enabled": true}"#.utf8)
            ).status == 200)
        #expect(try await gone.wait(for: 2).count == 2)
        await server.stop()
        await flaky.stop()
        await gone.stop()
    }

    @Test func mutedAndSnoozedRulesStaySilent() async throws {
        let server = try await TestServer.start()
        let rule = try Self.id(try await server.post("/v1/rules", #"{"name": "apple", "query": "ticker:AAPL", "muted": true}"#))
        _ = try await server.push(Self.appleStory(4))
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await Self.alerts(server, key: server.adminKey, count: 0).isEmpty)
        let snoozed = try await server.request(
            .PATCH, "/v1/rules/\(rule)", key: server.adminKey, contentType: "application/json",
            body: Data(#"{"muted": false, "snoozed_until": "2999-01-01T00:00:00Z"}"#.utf8))
        #expect(snoozed.object["active"] as? Bool == false)
        _ = try await server.push(Self.appleStory(5))
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await Self.alerts(server, key: server.adminKey, count: 0).isEmpty)
        _ = try await server.request(
            .PATCH, "/v1/rules/\(rule)", key: server.adminKey, contentType: "application/json", body: Data(#"{"snoozed_until": null}"#.utf8))
        _ = try await server.push(Self.appleStory(6))
        #expect(try await Self.alerts(server, key: server.adminKey, count: 1).count == 1)
        await server.stop()
    }

    @Test func aDeletedWebhookLeavesItsRulesAndGetsNoDeliveries() async throws {
        let server = try await TestServer.start()
        let receiver = WebhookReceiver()
        try await receiver.start()
        let hook = try Self.id(try await server.post("/v1/webhooks", #"{"url": "\#(receiver.url)"}"#))
        let rule = try Self.id(try await server.post("/v1/rules", #"{"name": "apple", "query": "ticker:AAPL", "webhooks": ["\#(hook)"]}"#))
        #expect(try await server.request(.DELETE, "/v1/webhooks/\(hook)", key: server.adminKey).status == 204)
        #expect((try await server.get("/v1/rules/\(rule)").object["webhooks"] as? [String])?.isEmpty == true)
        _ = try await server.push(Self.appleStory(8))
        #expect(try await Self.alerts(server, key: server.adminKey, count: 1).count == 1, "the rule still raises alerts")
        let keyID = try #require(try await server.store.rules(keyID: nil).first?.keyID)
        let queued = try await server.store.deliveries(webhookID: hook, keyID: keyID, before: nil, limit: 10)
        #expect(queued.isEmpty && receiver.received.isEmpty, "and queues nothing for the deleted endpoint")
        await server.stop()
        await receiver.stop()
    }

    /// Two keys with the same rule: each gets its own alerts on every channel, and can reach nothing of the other's.
    @Test func aRuleNeverFiresIntoAnotherKeysStreamsOrWebhooks() async throws {
        let server = try await TestServer.start()
        let (a, b) = (try await server.makeKey("a"), try await server.makeKey("b"))
        let (receiverA, receiverB) = (WebhookReceiver(), WebhookReceiver())
        try await receiverA.start()
        try await receiverB.start()
        var rules: [String: String] = [:]
        var hooks: [String: String] = [:]
        for (key, receiver, name) in [(a, receiverA, "a"), (b, receiverB, "b")] {
            hooks[name] = try Self.id(try await server.post("/v1/webhooks", #"{"url": "\#(receiver.url)"}"#, key: key))
            _ = try await server.post("/v1/watchlists", #"{"name": "mine", "tickers": ["AAPL"]}"#, key: key)
            rules[name] = try Self.id(
                try await server.post("/v1/rules", #"{"name": "\#(name)", "query": "ticker:@mine", "webhooks": ["\#(hooks[name]!)"]}"#, key: key))
        }
        // b cannot see, change or use a's things.
        #expect(try await server.get("/v1/rules/\(rules["a"]!)", key: b).status == 404)
        #expect(try await server.request(.DELETE, "/v1/webhooks/\(hooks["a"]!)", key: b).status == 404)
        #expect(
            try await server.post("/v1/rules", #"{"name": "steal", "query": "ticker:AAPL", "webhooks": ["\#(hooks["a"]!)"]}"#, key: b).status == 400)
        #expect((try await server.get("/v1/rules", key: b).object["rules"] as? [[String: Any]])?.count == 1)

        var streamB = try await ServerAPITests.openStream(server, "/v1/stream?alerts=1", key: b)
        let socketA = WebSocketTests.Replies()
        try await WebSocketClient.connect(url: "ws://127.0.0.1:\(server.port)/v1/ws?token=\(a)", logger: Logger(label: "ws")) {
            inbound, outbound, _ in
            var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
            try await outbound.write(.text(#"{"action": "subscribe", "alerts": true}"#))
            if case .text(let t) = try await messages.next() { socketA.append(t) }
            _ = try await server.push(Self.appleStory(7))
            if case .text(let t) = try await messages.next() { socketA.append(t) }
            try await outbound.close(.normalClosure, reason: nil)
        }
        #expect(socketA.all.map { $0["kind"] as? String } == ["subscribed", "alert"], "\(socketA.all)")
        let wsAlert = (socketA.all.last?["data"] as? [String: Any])?["content"] as? [String: Any]
        #expect((wsAlert?["rule"] as? [String: Any])?["id"] as? String == rules["a"])

        let sseB = try await ServerAPITests.read(streamB.chunks, until: "event: alert")
        #expect(sseB.contains(rules["b"]!) && !sseB.contains(rules["a"]!), "\(sseB)")
        #expect(try await receiverA.wait(for: 1).map(\.rule) == [rules["a"]])
        #expect(try await receiverB.wait(for: 1).map(\.rule) == [rules["b"]])
        let listedA = try await Self.alerts(server, key: a, count: 1)
        #expect(listedA.map { ($0["rule"] as? [String: Any])?["id"] as? String } == [rules["a"]])
        #expect(try await Self.alerts(server, key: server.adminKey, count: 0).isEmpty, "the admin key has no rules, so no alerts")
        try await Task.sleep(for: .milliseconds(300))
        #expect(receiverA.received.count == 1 && receiverB.received.count == 1)
        streamB = try await ServerAPITests.openStream(server, "/v1/stream?alerts=1", key: b, lastEventID: "0")
        let resumedB = try await ServerAPITests.read(streamB.chunks, until: "event: alert")
        #expect(!resumedB.contains(rules["a"]!), "catching up reads only the key's own alerts")
        await server.stop()
        await receiverA.stop()
        await receiverB.stop()
    }
}
