import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NewsAnalysis
import NewsModel
import NewsStore
import ServiceLifecycle

/// Delivers alerts to webhooks (Standard Webhooks): claims due deliveries from the store with a lease, POSTs each
/// signed body, and records the attempt and what follows — delivered; tried again on `schedule` (or after the
/// endpoint's `Retry-After`) under the same `webhook-id`; or, on 410 Gone, the endpoint disabled. Deliveries live in
/// the store from the article's transaction on, so a crash loses none: after a restart they are claimed again.
public final class WebhookSender: Service, @unchecked Sendable {
    private let store: any AlertStore & NewsStore
    private let client: HTTPClient
    private let schedule: RetrySchedule
    private let lease: Double
    private let timeout: Double
    private let concurrency: Int
    private let clock: @Sendable () -> Date
    private let logger: Logger
    private let signal = WakeSignal()
    private let lock = NSLock()
    private var inFlight = 0
    private var stopping = false

    /// - Parameters:
    ///   - lease: how long a claimed delivery is this sender's alone (longer than `timeout`).
    ///   - concurrency: attempts in flight at once.
    public init(
        store: any AlertStore & NewsStore, schedule: RetrySchedule = .standard, lease: Double = 60, timeout: Double = 10, concurrency: Int = 32,
        clock: @escaping @Sendable () -> Date = Date.init, logger: Logger
    ) {
        self.store = store
        self.schedule = schedule
        self.lease = lease
        self.timeout = timeout
        self.concurrency = concurrency
        self.clock = clock
        self.logger = logger
        var config = HTTPClient.Configuration()
        config.connectionPool.retryConnectionEstablishment = false
        config.redirectConfiguration = .disallow
        config.timeout.connect = .seconds(5)
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: config)
    }

    /// New deliveries are waiting (the pipeline calls this after committing alerts).
    public func wake() { signal.signal() }

    public func run() async throws {
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                while !lock.withLock({ stopping }) {
                    let free = lock.withLock { concurrency - inFlight }
                    let claimed = free > 0 ? await claim(free) : []
                    if claimed.isEmpty {
                        // Woken by new alerts or a finished attempt; otherwise look again for retries that came due.
                        await signal.wait(timeout: 1)
                        continue
                    }
                    lock.withLock { inFlight += claimed.count }
                    for (delivery, webhook) in claimed {
                        group.addTask {
                            await self.attempt(delivery, webhook)
                            self.lock.withLock { self.inFlight -= 1 }
                            self.signal.signal()
                        }
                    }
                }
            }
        } onGracefulShutdown: {
            // Attempts under way finish (each within `timeout`); nothing new is claimed.
            self.lock.withLock { self.stopping = true }
            self.signal.signal()
        }
        try await client.shutdown()
    }

    private func claim(_ limit: Int) async -> [(WebhookDelivery, Webhook)] {
        do {
            return try await store.claimDeliveries(now: clock(), lease: lease, limit: limit)
        } catch {
            logger.warning("webhook deliveries could not be claimed", metadata: ["error": "\(error)"])
            return []
        }
    }

    /// One attempt, recorded whatever happens (a failure to record leaves the lease to run out, and the delivery is
    /// claimed again).
    private func attempt(_ d: WebhookDelivery, _ webhook: Webhook) async {
        let payload: [UInt8]
        if let stored = d.payload {
            payload = Array(stored.utf8)
        } else {
            guard let (alert, article) = try? await store.alerts(keyID: d.keyID, after: d.alertSeq - 1, limit: 1).first, alert.seq == d.alertSeq
            else { return }
            payload = AlertJSON.webhookPayload(alert, article, at: clock())
        }
        let start = clock()
        let timestamp = Int(start.timeIntervalSince1970)
        var request = HTTPClientRequest(url: webhook.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "tickerwire-webhooks/1")
        request.headers.add(name: "webhook-id", value: d.id)
        request.headers.add(name: "webhook-timestamp", value: String(timestamp))
        request.headers.add(
            name: "webhook-signature", value: WebhookSignature.sign(id: d.id, timestamp: timestamp, body: payload, secret: webhook.secret))
        request.body = .bytes(ByteBuffer(bytes: payload))

        var status: Int?
        var failure: String?
        var retryAfter: Double?
        do {
            let response = try await client.execute(request, deadline: .now() + .milliseconds(Int64(timeout * 1000)))
            status = Int(response.status.code)
            retryAfter = response.headers.first(name: "Retry-After").flatMap(HTTPGet.seconds(retryAfter:))
            _ = try? await response.body.collect(upTo: 64 << 10)
        } catch {
            failure = "\(error)"
        }
        let now = clock()
        let record = WebhookDelivery.Attempt(at: start, status: status, error: failure, milliseconds: now.timeIntervalSince(start) * 1000)
        let delivered = status.map { (200..<300).contains($0) } ?? false
        var next: Date? = nil
        if !delivered {
            if status == 410 {
                // Gone: the endpoint is disabled; this delivery waits (due now) until it is enabled again.
                try? await store.disableWebhook(id: webhook.id, reason: "answered 410 Gone at \(DateParsing.isoString(now))")
                next = now
            } else {
                let honoured = status == 429 || status == 503 ? retryAfter : nil
                next = schedule.next(afterAttempts: d.attempts.count + 1, now: now, retryAfter: honoured, draw: Double.random(in: 0...1))
            }
        }
        do {
            try await store.recordAttempt(
                deliveryID: d.id, record, delivered: delivered, next: next, payload: String(decoding: payload, as: UTF8.self))
        } catch {
            logger.warning("a webhook attempt could not be recorded", metadata: ["delivery": "\(d.id)", "error": "\(error)"])
        }
    }
}
