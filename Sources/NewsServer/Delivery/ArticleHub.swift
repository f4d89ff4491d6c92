import Foundation
import NewsStore
import ServiceLifecycle

/// Fans stored articles out to live subscribers (SSE, WebSocket), and tells alert subscribers that their key has new
/// alerts (they read them from the store, after the last one they sent, so none is missed or sent twice). Each subscriber has a bounded buffer: one that
/// falls `bufferSize` messages behind is closed with a reason, and never slows the others or the pipeline.
/// Every `keepAlive` seconds each subscriber gets a keep-alive (SSE sends it as a comment).
public final class ArticleHub: Service, @unchecked Sendable {
    /// One stored article as the hub hands it out, encoded once for all subscribers.
    public struct Item: Sendable {
        public enum Action: String, Sendable { case created, updated }
        public var seq: Int64
        public var action: Action
        public var symbols: Set<String>
        public var eventTypes: Set<String>
        public var article: StoredArticle
        private let encoding: EncodedOnce
        /// `ArticleJSON` of the article, encoded when a subscriber first needs it: never, with no one listening.
        public var json: [UInt8] { encoding.json(article) }

        public init(_ article: StoredArticle, action: Action) {
            seq = article.seq
            self.action = action
            symbols = Set(article.analysis.instruments.map(\.symbol))
            eventTypes = Set(article.analysis.events.map(\.type))
            self.article = article
            encoding = EncodedOnce()
        }
    }

    /// The one encoding of an item, shared by its copies.
    private final class EncodedOnce: @unchecked Sendable {
        private let lock = NSLock()
        private var bytes: [UInt8]?

        func json(_ article: StoredArticle) -> [UInt8] {
            lock.withLock {
                if let bytes { return bytes }
                let encoded = ArticleJSON.encode(article)
                bytes = encoded
                return encoded
            }
        }
    }

    public enum Message: Sendable {
        case article(Item)
        /// The subscriber's key has new alerts in the store.
        case alerts
        case keepAlive
    }

    /// Which articles a subscriber wants: any of the tickers (all when empty) and any of the event types; nothing
    /// while `paused` (a WebSocket before its first subscribe). With `alertsOf`, the alerts of that key instead (and
    /// `articles` says whether articles too, as a WebSocket may want both).
    public struct Filter: Sendable, Hashable {
        public var tickers: Set<String>
        public var eventTypes: Set<String>
        public var paused: Bool
        public var alertsOf: String?
        public var articles: Bool
        public init(tickers: Set<String> = [], eventTypes: Set<String> = [], paused: Bool = false, alertsOf: String? = nil, articles: Bool = true) {
            self.tickers = tickers
            self.eventTypes = eventTypes
            self.paused = paused
            self.alertsOf = alertsOf
            self.articles = articles
        }

        public func matches(_ item: Item) -> Bool {
            articles && !paused && (tickers.isEmpty || !tickers.isDisjoint(with: item.symbols))
                && (eventTypes.isEmpty || !eventTypes.isDisjoint(with: item.eventTypes))
        }
    }

    /// A live subscription: its messages, and why it was closed (when the hub closed it).
    public final class Subscription: @unchecked Sendable {
        public let messages: AsyncStream<Message>
        let continuation: AsyncStream<Message>.Continuation
        fileprivate(set) var filter: Filter
        private let lock = NSLock()
        private var reason: String?

        fileprivate init(filter: Filter, bufferSize: Int) {
            (messages, continuation) = AsyncStream.makeStream(of: Message.self, bufferingPolicy: .bufferingOldest(bufferSize))
            self.filter = filter
        }

        /// Why the hub ended this subscription (a slow consumer, shutdown); nil while open or when the client left.
        public var closeReason: String? { lock.withLock { reason } }

        func close(_ why: String) {
            lock.withLock { reason = why }
            continuation.finish()
        }
    }

    public let bufferSize: Int
    private let keepAlive: Double
    private let lock = NSLock()
    private var subscribers: [ObjectIdentifier: Subscription] = [:]

    public init(bufferSize: Int = 1024, keepAlive: Double = 15) {
        self.bufferSize = bufferSize
        self.keepAlive = keepAlive
    }

    /// Subscribers now (for metrics and tests).
    public var count: Int { lock.withLock { subscribers.count } }

    /// Whether any subscriber takes articles (not alerts only): when none does, there is nothing to publish them to.
    public var hasArticleSubscribers: Bool { lock.withLock { subscribers.values.contains { $0.filter.articles } } }

    public func subscribe(_ filter: Filter) -> Subscription {
        let subscription = Subscription(filter: filter, bufferSize: bufferSize)
        let id = ObjectIdentifier(subscription)
        subscription.continuation.onTermination = { [weak self] _ in self?.remove(id) }
        lock.withLock { subscribers[id] = subscription }
        return subscription
    }

    /// Changes what a subscription receives (WebSocket subscribe and unsubscribe).
    public func update(_ subscription: Subscription, filter: Filter) {
        lock.withLock { subscription.filter = filter }
    }

    public func publish(_ items: [Item]) {
        guard !items.isEmpty else { return }
        let current = lock.withLock { Array(subscribers.values) }
        for s in current {
            let filter = lock.withLock { s.filter }
            for item in items where filter.matches(item) {
                if case .dropped = s.continuation.yield(.article(item)) {
                    s.close("slow consumer: more than \(bufferSize) messages behind; reconnect with Last-Event-ID to resume")
                    break
                }
            }
        }
    }

    /// The keys whose alerts some stream is reading now.
    public func alertStreamKeys() -> Set<String> {
        lock.withLock { Set(subscribers.values.compactMap { $0.filter.alertsOf }) }
    }

    /// Tells the subscribers of these keys' alerts that there are new ones. A subscriber with wake-ups queued
    /// already needs no more, so a full buffer is no reason to close it.
    public func publishAlerts(keys: Set<String>) {
        guard !keys.isEmpty else { return }
        for s in lock.withLock({ Array(subscribers.values) }) {
            guard let key = lock.withLock({ s.filter.alertsOf }), keys.contains(key) else { continue }
            s.continuation.yield(.alerts)
        }
    }

    public func run() async throws {
        // Keep-alives until shutdown; then every subscriber is closed, so their responses end.
        await cancelWhenGracefulShutdown { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(keepAlive))
                for s in lock.withLock({ Array(subscribers.values) }) { s.continuation.yield(.keepAlive) }
            }
        }
        for s in lock.withLock({ Array(subscribers.values) }) { s.close("server shutting down") }
    }

    private func remove(_ id: ObjectIdentifier) {
        lock.withLock { _ = subscribers.removeValue(forKey: id) }
    }
}
