import Foundation
import Logging
import NewsStore
import ServiceLifecycle

/// Files the outbox's alerts under their keys as soon as the pipeline commits them (and at start, whatever a stopped
/// server left), then tells the hub which keys have new alerts, so their SSE and WebSocket streams read them.
/// Each round is one short transaction, so ingest and the webhook sender, which share the store's one writer, wait
/// little behind it; and a round waits for the webhooks just handed off to go out first.
final class AlertFanOut: Service, @unchecked Sendable {
    private let store: any AlertStore
    private let hub: ArticleHub
    private let maxAlerts: Int
    private let yieldTo: @Sendable () async -> Void
    private let logger: Logger
    private let signal = WakeSignal()
    private let lock = NSLock()
    private var stopping = false

    /// - Parameters:
    ///   - maxAlerts: about how many alerts one transaction files.
    ///   - yieldTo: waited for before a round: the webhook sender's hand-offs, so that webhooks go out first (filing
    ///     thousands of alerts takes the store's writer and a core for a while).
    init(store: any AlertStore, hub: ArticleHub, maxAlerts: Int = 500, logger: Logger, yieldTo: @escaping @Sendable () async -> Void = {}) {
        self.store = store
        self.hub = hub
        self.maxAlerts = maxAlerts
        self.logger = logger
        self.yieldTo = yieldTo
    }

    /// Alerts are waiting in the outbox (the pipeline calls this after committing them).
    func wake() { signal.signal() }

    func run() async throws {
        await withGracefulShutdownHandler {
            while !lock.withLock({ stopping }) {
                do {
                    let filed = try await store.fanOutAlerts(maxAlerts: maxAlerts)
                    if !filed.keys.isEmpty { hub.publishAlerts(keys: filed.keys) }
                    if filed.more { continue }
                } catch {
                    // They stay in the outbox: the next round files them.
                    logger.warning("alerts could not be filed under their keys", metadata: ["error": "\(error)"])
                }
                await signal.wait(timeout: 5)
                await yieldTo()
            }
        } onGracefulShutdown: {
            // What is left waits in the outbox for the next start.
            self.lock.withLock { self.stopping = true }
            self.signal.signal()
        }
    }
}
