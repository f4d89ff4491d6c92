import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import NewsAnalysis
import NewsModel
import NewsStore

/// The request context of WebSocket upgrades.
public struct WebSocketUpgradeContext: RequestContext, WebSocketRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<Self>

    public init(source: Source) {
        coreContext = .init(source: source)
        webSocket = .init()
    }
}

/// `GET /v1/ws`: a WebSocket. The client sends `{"action": "subscribe", "tickers": ["AAPL"]}`, `"unsubscribe"`
/// (with tickers, or without to stop everything) and `"ping"`; the server sends envelopes
/// `{"id", "api_version": "websocket/v1", "kind": "news", "data": {"action", "id", "timestamp", "content"}}`, and
/// `subscribed`, `pong` and `error` kinds in reply. A slow client is closed with a reason (code 1008).
struct WebSocketRoutes {
    let keys: any KeyStore
    let cache: KeyCache
    let hub: ArticleHub
    let master: SecurityMaster
    let clock: @Sendable () -> Date

    func register(on router: Router<WebSocketUpgradeContext>, plainRouter: Router<APIRequestContext>) {
        // Without an upgrade, a GET is told what this endpoint needs.
        plainRouter.get("/v1/ws") { _, _ -> Response in
            throw APIError(.invalidParameter, "/v1/ws is a WebSocket: connect with Upgrade: websocket (and an API key)")
        }
        router.ws("/v1/ws") { request, _ in
            _ = try await AuthMiddleware.authenticate(request, keys: keys, cache: cache, now: clock())
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, _ in
            let subscription = hub.subscribe(ArticleHub.Filter(paused: true))
            defer { subscription.continuation.finish() }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await message in subscription.messages {
                        guard case .article(let item) = message else { continue }
                        try await outbound.write(
                            .text(
                                Self.envelope(kind: "news") { w in
                                    w.field("action", item.action.rawValue)
                                    w.field("id", Int(item.seq))
                                    w.field("timestamp", DateParsing.isoString(item.article.updated ?? item.article.received))
                                    w.key("content")
                                    ArticleJSON.write(item.article, into: &w)
                                }))
                    }
                    if let reason = subscription.closeReason { try await outbound.close(.policyViolation, reason: String(reason.prefix(120))) }
                }
                group.addTask {
                    var tickers: Set<String> = []
                    for try await message in inbound.messages(maxSize: 64 * 1024) {
                        guard case .text(let text) = message else { continue }
                        let reply = handle(text, tickers: &tickers, subscription: subscription)
                        try await outbound.write(.text(reply))
                    }
                }
                // Either side ending (the client left, or the hub closed a slow client) ends both.
                try await group.next()
                group.cancelAll()
            }
        }
    }

    /// Applies one client message and returns the reply envelope.
    private func handle(_ text: String, tickers: inout Set<String>, subscription: ArticleHub.Subscription) -> String {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any], let action = object["action"] as? String
        else { return Self.error("invalid_json", "send a JSON object with an \"action\": subscribe, unsubscribe or ping") }
        switch action {
        case "ping":
            return Self.envelope(kind: "pong") { _ in }
        case "subscribe", "unsubscribe":
            let named = (object["tickers"] as? [Any] ?? []).compactMap { $0 as? String }
            let checked: [String]
            do {
                checked = try TickerCheck(master: master).checked(named)
            } catch let e as APIError {
                return Self.error(e.code.rawValue, e.detail)
            } catch {
                return Self.error("invalid_parameter", "\(error)")
            }
            if action == "subscribe" {
                guard !checked.isEmpty else { return Self.error("invalid_parameter", "subscribe needs \"tickers\": [\"AAPL\", …]") }
                tickers.formUnion(checked)
            } else if checked.isEmpty {
                tickers.removeAll()
            } else {
                tickers.subtract(checked)
            }
            hub.update(subscription, filter: ArticleHub.Filter(tickers: tickers, paused: tickers.isEmpty))
            let current = tickers.sorted()
            return Self.envelope(kind: "subscribed") { w in w.strings("tickers", current) }
        default:
            return Self.error("invalid_parameter", "unknown action \"\(action.prefix(40))\": subscribe, unsubscribe or ping")
        }
    }

    static func envelope(kind: String, _ data: (inout JSONWriter) -> Void) -> String {
        var w = JSONWriter(capacity: 1024)
        w.beginObject()
        w.field("id", UUID().uuidString.lowercased())
        w.field("api_version", "websocket/v1")
        w.field("kind", kind)
        w.key("data")
        w.beginObject()
        data(&w)
        w.endObject()
        w.endObject()
        return String(decoding: w.bytes, as: UTF8.self)
    }

    static func error(_ code: String, _ detail: String) -> String {
        envelope(kind: "error") { w in
            w.field("code", code)
            w.field("detail", detail)
        }
    }
}
