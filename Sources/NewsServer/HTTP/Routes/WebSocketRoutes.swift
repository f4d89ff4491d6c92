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
/// `subscribed`, `pong` and `error` kinds in reply. `{"action": "subscribe", "alerts": true, "after": 41}` adds the
/// key's alerts (`kind: "alert"`, `data.id` the alert's sequence), from after `after` when given (resuming), else
/// from now. A slow client is closed with a reason (code 1008).
struct WebSocketRoutes {
    let keys: any KeyStore
    let store: any AlertStore
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
        } onUpgrade: { inbound, outbound, context in
            let key = try await AuthMiddleware.authenticate(context.request, keys: keys, cache: cache, now: clock())
            let subscription = hub.subscribe(ArticleHub.Filter(paused: true))
            let cursor = AlertCursor()
            defer { subscription.continuation.finish() }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await message in subscription.messages {
                        if case .alerts = message {
                            try await sendAlerts(keyID: key.id, cursor: cursor, outbound)
                            continue
                        }
                        guard case .article(let item) = message else { continue }
                        try await outbound.write(
                            .text(
                                Self.envelope(kind: "news") { w in
                                    w.field("action", item.action.rawValue)
                                    w.field("id", Int(item.seq))
                                    w.field("timestamp", DateParsing.isoString(item.article.updated ?? item.article.received))
                                    w.key("content")
                                    w.encoded(item.json)
                                }))
                    }
                    if let reason = subscription.closeReason { try await outbound.close(.policyViolation, reason: String(reason.prefix(120))) }
                }
                group.addTask {
                    var tickers: Set<String> = []
                    for try await message in inbound.messages(maxSize: 64 * 1024) {
                        guard case .text(let text) = message else { continue }
                        let reply = try await handle(text, tickers: &tickers, keyID: key.id, cursor: cursor, subscription: subscription)
                        try await outbound.write(.text(reply))
                    }
                }
                // Either side ending (the client left, or the hub closed a slow client) ends both.
                try await group.next()
                group.cancelAll()
            }
        }
    }

    /// Where a socket's alerts stand: nil until it subscribes to them, then the last alert sequence sent.
    final class AlertCursor: @unchecked Sendable {
        private let lock = NSLock()
        private var after: Int64?
        var value: Int64? {
            get { lock.withLock { after } }
            set { lock.withLock { after = newValue } }
        }
    }

    /// Sends the key's alerts after the cursor, from the store, and moves the cursor.
    private func sendAlerts(keyID: String, cursor: AlertCursor, _ outbound: WebSocketOutboundWriter) async throws {
        guard let after = cursor.value else { return }
        let last = try await store.forEachAlert(keyID: keyID, after: after) { alert, article in
            try await outbound.write(
                .text(
                    Self.envelope(kind: "alert") { w in
                        w.field("action", "created")
                        w.field("id", Int(alert.seq))
                        w.field("timestamp", DateParsing.isoString(alert.created))
                        w.key("content")
                        AlertJSON.write(alert, article, into: &w)
                    }))
        }
        // Unless the client unsubscribed meanwhile.
        if cursor.value != nil { cursor.value = last }
    }

    /// `{"action": "subscribe"|"unsubscribe", "alerts": true, "after": N}`: the key's alerts on this socket, or off.
    private func alerts(
        _ action: String, _ object: [String: Any], tickers: Set<String>, keyID: String, cursor: AlertCursor, subscription: ArticleHub.Subscription
    ) async throws -> String {
        if action == "subscribe" {
            if let after = object["after"] {
                guard let n = after as? Int, n >= 0 else {
                    return Self.error("invalid_cursor", "after must be an alert id (a whole number) this socket sent")
                }
                cursor.value = Int64(n)
            } else if cursor.value == nil {
                cursor.value = try await store.newestAlertSeq()
            }
        } else {
            cursor.value = nil
        }
        hub.update(
            subscription, filter: ArticleHub.Filter(tickers: tickers, paused: tickers.isEmpty, alertsOf: cursor.value == nil ? nil : keyID))
        // Catch up at once (the stream side reads from the cursor).
        if cursor.value != nil { subscription.continuation.yield(.alerts) }
        return Self.envelope(kind: "subscribed") { w in
            w.strings("tickers", tickers.sorted())
            w.field("alerts", cursor.value != nil)
        }
    }

    /// Applies one client message and returns the reply envelope.
    private func handle(
        _ text: String, tickers: inout Set<String>, keyID: String, cursor: AlertCursor, subscription: ArticleHub.Subscription
    ) async throws -> String {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any], let action = object["action"] as? String
        else { return Self.error("invalid_json", "send a JSON object with an \"action\": subscribe, unsubscribe or ping") }
        switch action {
        case "ping":
            return Self.envelope(kind: "pong") { _ in }
        case "subscribe", "unsubscribe":
            if object["alerts"] as? Bool == true {
                return try await alerts(action, object, tickers: tickers, keyID: keyID, cursor: cursor, subscription: subscription)
            }
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
            hub.update(
                subscription, filter: ArticleHub.Filter(tickers: tickers, paused: tickers.isEmpty, alertsOf: cursor.value == nil ? nil : keyID))
            let current = tickers.sorted()
            let alerts = cursor.value != nil
            return Self.envelope(kind: "subscribed") { w in
                w.strings("tickers", current)
                w.field("alerts", alerts)
            }
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
