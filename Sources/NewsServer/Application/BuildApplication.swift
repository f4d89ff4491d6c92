import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import Metrics
import NewsAnalysis
import NewsModel
import NewsStore
import Prometheus
import ServiceLifecycle

/// The running system, put together: the store, the alert rules, the pipeline (with the hub and the webhook sender
/// after it), the source pollers, and the HTTP API with its middleware, as one Hummingbird application whose
/// services start and stop together.
public enum TickerwireServer {
    /// What the server keeps its data in: the embedded SQLite store, or PostgreSQL shared by several nodes.
    public typealias Store = NewsStore & AlertStore & KeyStore & SourceRegistry

    public static func buildApplication(
        settings: ServerSettings, store: any Store, analyzer: NewsAnalyzer, registry: PrometheusCollectorRegistry,
        logger: Logger, clock: @escaping @Sendable () -> Date = Date.init, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws -> some ApplicationProtocol {
        let hub = ArticleHub()
        let alerts = AlertRules(handOffLease: settings.webhookLease, streamingKeys: { hub.alertStreamKeys() })
        for (rule, error) in try await alerts.load(from: store) {
            logger.warning("a stored rule no longer parses and is skipped", metadata: ["rule": "\(rule.id)", "error": "\(error)"])
        }
        // Stories and novelty carry over a restart: the index takes in the articles stored lately.
        let stories = StoryAssigner()
        let warmed = try await stories.warm(from: store)
        logger.info("story index warmed", metadata: ["articles": "\(warmed.read)"])
        // On a shared database, what other nodes commit reaches this node's streams, rules and stories through the
        // follower.
        let follower = (store as? any Store & SharedStore).map {
            ClusterFollower(store: $0, hub: hub, rules: alerts, stories: stories, storiesFrom: warmed.through, logger: logger)
        }
        // One server owns the embedded store: leases left by a killed process are void. (Other nodes' are not.)
        if follower == nil { try await store.releaseDeliveryLeases() }
        let sender = WebhookSender(
            store: store, schedule: RetrySchedule(delays: settings.webhookRetries), lease: settings.webhookLease, clock: clock, logger: logger)
        let fanOut = AlertFanOut(store: store, hub: hub, logger: logger) { await sender.handOffsAttempted(within: 0.1) }
        // The pipeline counts into this server's registry (what /metrics shows), whatever the process-wide backend.
        let pipeline = NewsPipeline(
            analyzer: analyzer, store: store, metrics: PrometheusMetricsFactory(registry: registry), alerts: alerts, stories: stories,
            clock: clock
        ) { incoming, outcomes in
            let items = Self.hubItems(incoming, outcomes)
            if let follower { follower.publishLocal(items) } else { hub.publish(items) }
            let raised = zip(incoming, outcomes).flatMap { a, outcome -> [PendingAlert] in
                if case .duplicate = outcome { return [] }
                return a.alerts
            }
            // Alerts bound for webhooks or live streams are filed with their article; the others wait in the outbox
            // for the fan-out.
            let filed = raised.filter(\.isFiledWithArticle)
            if !filed.isEmpty {
                sender.handOff(filed.flatMap(\.deliveryIDs))
                hub.publishAlerts(keys: Set(filed.map(\.keyID)))
            }
            if filed.count < raised.count { fanOut.wake() }
        }
        let (router, webSocketRouter) = try buildRouters(
            settings: settings, store: store, analyzer: analyzer, pipeline: pipeline, hub: hub, alerts: alerts, sender: sender, registry: registry,
            clock: clock)
        var app = Application(
            router: router,
            server: .http1WebSocketUpgrade(webSocketRouter: webSocketRouter),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "tickerwire"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? settings.port) },
            logger: logger)
        // The pipeline first: the service group stops services in reverse, so it drains after the pollers stop.
        app.addServices(pipeline, hub, sender, fanOut)
        if let follower { app.addServices(follower) }
        app.addServices(SourcePollers.all(registry: store, pipeline: pipeline, logger: logger))
        return app
    }

    /// The API's routes and middleware, and the WebSocket upgrade routes: the one list of what the server answers.
    static func buildRouters(
        settings: ServerSettings, store: any Store, analyzer: NewsAnalyzer, pipeline: NewsPipeline, hub: ArticleHub, alerts: AlertRules,
        sender: WebhookSender, registry: PrometheusCollectorRegistry, clock: @escaping @Sendable () -> Date
    ) throws -> (Router<APIRequestContext>, Router<WebSocketUpgradeContext>) {
        let cache = KeyCache()
        let router = Router(context: APIRequestContext.self)
        // Request counts and durations (through the process-wide metrics backend, which `serve` points at the registry).
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: ProblemMiddleware())
        router.add(
            middleware: AuthMiddleware(
                keys: store, limiter: RateLimiter(rate: settings.rateLimit, burst: settings.rateLimit * 2), cache: cache, clock: clock))
        HealthRoutes(store: store, registry: registry).register(on: router)
        ArticleRoutes(store: store, pipeline: pipeline, analyzer: analyzer, maxBody: settings.maxBody).register(on: router)
        InstrumentRoutes(store: store, master: analyzer.master, clock: clock).register(on: router)
        BenzingaRoutes(store: store, master: analyzer.master).register(on: router)
        StreamRoutes(store: store, hub: hub, master: analyzer.master).register(on: router)
        KeyRoutes(keys: store, cache: cache, clock: clock).register(on: router)
        WatchlistRoutes(store: store, alerts: alerts, master: analyzer.master, clock: clock).register(on: router)
        RuleRoutes(store: store, alerts: alerts, clock: clock).register(on: router)
        WebhookRoutes(store: store, alerts: alerts, sender: sender, clock: clock).register(on: router)
        AlertRoutes(store: store).register(on: router)
        WebRoutes(pages: try WebPages.load(), store: store, cache: cache, analyzer: analyzer, alerts: alerts, clock: clock).register(on: router)
        let webSocketRouter = Router(context: WebSocketUpgradeContext.self)
        WebSocketRoutes(keys: store, store: store, cache: cache, hub: hub, master: analyzer.master, clock: clock)
            .register(on: webSocketRouter, plainRouter: router)
        return (router, webSocketRouter)
    }

    /// What the hub sends for a committed batch: added and updated articles, each encoded once.
    static func hubItems(_ incoming: [StoredArticle.Incoming], _ outcomes: [IngestOutcome]) -> [ArticleHub.Item] {
        zip(incoming, outcomes).compactMap { a, outcome in
            let seq: Int64
            let revision: Int
            switch outcome {
            case .added(let s): (seq, revision) = (s, 1)
            case .updated(let s, let r): (seq, revision) = (s, r)
            case .duplicate: return nil
            }
            return ArticleHub.Item(StoredArticle(a, seq: seq, revision: revision), action: revision == 1 ? .created : .updated)
        }
    }
}
