import Foundation
import HummingbirdWSClient
import Logging
import Testing

@testable import NewsServer

/// `/v1/ws` with a real WebSocket client: subscribe, receive news in the envelope, ping, and errors that keep the
/// connection open.
@Suite(.serialized) struct WebSocketTests {
    final class Replies: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [[String: Any]] = []
        func append(_ text: String) {
            let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? ["raw": text]
            lock.withLock { items.append(object) }
        }
        var all: [[String: Any]] { lock.withLock { items } }
    }

    @Test func subscribeReceiveNewsPingAndErrors() async throws {
        let server = try await TestServer.start()
        let replies = Replies()
        try await WebSocketClient.connect(url: "ws://127.0.0.1:\(server.port)/v1/ws?token=\(server.adminKey)", logger: Logger(label: "ws")) {
            inbound, outbound, _ in
            var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
            func next() async throws {
                if case .text(let t) = try await messages.next() { replies.append(t) }
            }
            try await outbound.write(.text(#"{"action": "subscribe", "tickers": ["AAPL"]}"#))
            try await next()
            _ = try await server.push(ServerAPITests.apple + "\n" + #"{"title": "Microsoft news", "body": "Microsoft Corp MSFT said little."}"#)
            try await next()
            try await outbound.write(.text(#"{"action": "ping"}"#))
            try await next()
            try await outbound.write(.text("not json"))
            try await next()
            try await outbound.write(.text(#"{"action": "subscribe", "tickers": ["QQQQZZ"]}"#))
            try await next()
            try await outbound.close(.normalClosure, reason: nil)
        }
        let all = replies.all
        #expect(all.map { $0["kind"] as? String } == ["subscribed", "news", "pong", "error", "error"], "\(all)")
        #expect(all.allSatisfy { $0["api_version"] as? String == "websocket/v1" && ($0["id"] as? String)?.count == 36 })
        let news = try #require(all.count > 1 ? all[1]["data"] as? [String: Any] : nil)
        #expect(news["action"] as? String == "created")
        #expect(news["id"] as? Int == 1)
        #expect((news["content"] as? [String: Any])?["title"] as? String == "Apple beats estimates")
        #expect((all.last?["data"] as? [String: Any])?["code"] as? String == "unknown_ticker")
        let plain = try await server.get("/v1/ws")
        #expect(plain.status == 400, "a GET without the upgrade is told what the endpoint needs")
        await server.stop()
    }
}
