import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NewsAnalysis
import NewsModel
import NewsStore
import ServiceLifecycle

/// Delivers alerts to webhooks (Standard Webhooks): takes the deliveries the pipeline hands off as their article
/// commits (leased to this server when made), and claims the rest with a lease (retries come due, those of a server
/// that stopped); POSTs each signed body, and records the attempt and what follows — delivered; tried again on
/// `schedule` (or after the endpoint's `Retry-After`) under the same `webhook-id`; or, on 410 Gone, the endpoint
/// disabled. Deliveries live in the store from the article's transaction on, so a crash loses none: after a restart
/// they are claimed again.
/// Attempts that finish together are recorded in one transaction (the store has one writer, which ingest needs).
public final class WebhookSender: Service, @unchecked Sendable {
    private let store: any AlertStore & NewsStore
    private let schedule: RetrySchedule
    private let lease: Double
    private let timeout: Double
    private let concurrency: Int
    private let clock: @Sendable () -> Date
    private let logger: Logger
    private let signal = WakeSignal()
    private let handedSignal = WakeSignal()
    private let lock = NSLock()
    private var inFlight = 0
    private var finished: [AttemptOutcome] = []
    private var stopping = false
    private var handed: [String] = []
    /// Handed-off deliveries taken and not yet attempted.
    private var handedInFlight = 0
    private let handOffsDone = WakeSignal()

    /// How long deliveries matched on this server stay its own (`PendingAlert.leasedUntil`): it sends them as soon as
    /// they commit (`handOff`), and should it stop first, the lease runs out and any sender claims them.
    public static let handOffLease: TimeInterval = 60
    /// Names the sending process too: with several nodes, a receiver's log shows which node sent what.
    static let userAgent = "tickerwire-webhooks/1 (pid \(ProcessInfo.processInfo.processIdentifier))"

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
    }

    /// The client of one run (made when the sender starts, so a sender that never runs holds none).
    private static func makeClient() -> HTTPClient {
        var config = HTTPClient.Configuration()
        config.connectionPool.retryConnectionEstablishment = false
        config.redirectConfiguration = .disallow
        config.timeout.connect = .seconds(5)
        // One endpoint may take many deliveries at once (an article about a large company raises dozens for one URL).
        config.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 32
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: config)
    }

    /// New deliveries are waiting (the pipeline calls this after committing alerts).
    public func wake() { signal.signal() }

    /// Deliveries committed just now and leased to this sender: sent at once, read from the store without a claim
    /// (a write, which would wait for the store's one writer).
    public func handOff(_ deliveryIDs: [String]) {
        guard !deliveryIDs.isEmpty else { return }
        lock.withLock { handed += deliveryIDs }
        handedSignal.signal()
    }

    /// Returns once everything handed off so far has been attempted, or after `limit` seconds.
    public func handOffsAttempted(within limit: Double) async {
        let deadline = ContinuousClock.now + .milliseconds(Int64(limit * 1000))
        while lock.withLock({ !handed.isEmpty || handedInFlight > 0 }) {
            let left = deadline - .now
            guard left > .zero else { return }
            await handOffsDone.wait(timeout: Double(left.components.attoseconds) / 1e18 + Double(left.components.seconds))
        }
    }

    public func run() async throws {
        let client = Self.makeClient()
        await withGracefulShutdownHandler {
            // Two loops: one sends what is handed off and only reads the store, so the fast path never waits behind
            // a write; the other records attempts and claims the rest (retries come due, deliveries of others).
            await withDiscardingTaskGroup { group in
                group.addTask { await self.sendHandedOff(client) }
                await self.recordAndClaim(client)
            }
            // Attempts under way have finished: record them before stopping.
            _ = await recordFinished()
        } onGracefulShutdown: {
            // Attempts under way finish (each within `timeout`); nothing new is claimed. What was handed off and not
            // sent keeps its lease, which a restart voids.
            self.lock.withLock { self.stopping = true }
            self.signal.signal()
            self.handedSignal.signal()
        }
        try await client.shutdown()
    }

    private func sendHandedOff(_ client: HTTPClient) async {
        await withDiscardingTaskGroup { group in
            while !lock.withLock({ stopping }) {
                let taken = lock.withLock { () -> [String] in
                    defer {
                        handedInFlight += handed.count
                        handed.removeAll()
                    }
                    return handed
                }
                guard !taken.isEmpty else {
                    await handedSignal.wait(timeout: 5)
                    continue
                }
                let found = await leased(taken)
                attemptedHandOffs(taken.count - found.count)
                await send(found, client, handedOff: true, in: &group)
            }
        }
    }

    private func recordAndClaim(_ client: HTTPClient) async {
        await withDiscardingTaskGroup { group in
            while !lock.withLock({ stopping }) {
                let recorded = await recordFinished()
                let free = lock.withLock { concurrency - inFlight }
                let claimed = free > 0 ? await claim(free) : []
                guard !claimed.isEmpty else {
                    // Woken by new deliveries or a finished attempt; otherwise look again for retries that came due.
                    if recorded == 0 { await signal.wait(timeout: 1) }
                    continue
                }
                await send(claimed, client, handedOff: false, in: &group)
            }
        }
    }

    /// Attempts each delivery in a task of its own; their outcomes are recorded by `recordAndClaim`.
    private func send(
        _ deliveries: [(WebhookDelivery, Webhook)], _ client: HTTPClient, handedOff: Bool, in group: inout DiscardingTaskGroup
    ) async {
        guard !deliveries.isEmpty else { return }
        lock.withLock { inFlight += deliveries.count }
        let payloads = await payloads(for: deliveries.map(\.0))
        for (delivery, webhook) in deliveries {
            let payload = payloads[delivery.id]
            group.addTask {
                let outcome = await self.attempt(delivery, webhook, payload, client)
                self.lock.withLock {
                    if let outcome { self.finished.append(outcome) } else { self.inFlight -= 1 }
                }
                if handedOff { self.attemptedHandOffs(1) }
                self.signal.signal()
            }
        }
    }

    /// Records the attempts finished so far, in one transaction; returns how many. When the store fails they wait
    /// for the next round (their leases keep others off them meanwhile).
    private func recordFinished() async -> Int {
        let done = lock.withLock { () -> [AttemptOutcome] in
            defer { finished.removeAll() }
            return finished
        }
        guard !done.isEmpty else { return 0 }
        do {
            try await store.recordAttempts(done)
            lock.withLock { inFlight -= done.count }
            return done.count
        } catch {
            logger.warning("webhook attempts could not be recorded", metadata: ["error": "\(error)"])
            lock.withLock { finished += done }
            return 0
        }
    }

    private func attemptedHandOffs(_ n: Int) {
        guard n > 0 else { return }
        let settled = lock.withLock {
            handedInFlight -= n
            return handedInFlight == 0 && handed.isEmpty
        }
        if settled { handOffsDone.signal() }
    }

    private func leased(_ ids: [String]) async -> [(WebhookDelivery, Webhook)] {
        do {
            return try await store.leasedDeliveries(ids: ids, now: clock())
        } catch {
            // Their leases run out, and a claim takes them then.
            logger.warning("handed-off webhook deliveries could not be read", metadata: ["error": "\(error)"])
            return []
        }
    }

    private func claim(_ limit: Int) async -> [(WebhookDelivery, Webhook)] {
        do {
            return try await store.claimDeliveries(now: clock(), lease: lease, limit: limit)
        } catch {
            logger.warning("webhook deliveries could not be claimed", metadata: ["error": "\(error)"])
            return []
        }
    }

    /// The bodies of claimed deliveries, by delivery id: the one kept from a first attempt, or rendered now (alerts
    /// read together, and each article encoded once however many alerts it raised).
    private func payloads(for deliveries: [WebhookDelivery]) async -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        for d in deliveries { if let kept = d.payload { out[d.id] = Array(kept.utf8) } }
        let needed = deliveries.filter { $0.payload == nil }
        guard !needed.isEmpty, let alerts = try? await store.alerts(seqs: needed.map(\.alertSeq)) else { return out }
        var articles: [Int64: [UInt8]] = [:]
        let now = clock()
        for d in needed {
            guard let (alert, article) = alerts[d.alertSeq] else { continue }
            if let article, articles[article.seq] == nil { articles[article.seq] = ArticleJSON.encode(article) }
            out[d.id] = AlertJSON.webhookPayload(alert, articleJSON: article.flatMap { articles[$0.seq] }, at: now)
        }
        return out
    }

    /// One attempt, and what follows from it (nil without a body, the alert being gone: the lease runs out, and it is
    /// tried again).
    private func attempt(_ d: WebhookDelivery, _ webhook: Webhook, _ body: [UInt8]?, _ client: HTTPClient) async -> AttemptOutcome? {
        guard let payload = body else { return nil }
        let start = clock()
        let timestamp = Int(start.timeIntervalSince1970)
        var request = HTTPClientRequest(url: webhook.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: Self.userAgent)
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
        // The body is kept only for a retry to send the same again.
        return AttemptOutcome(
            deliveryID: d.id, attempt: record, delivered: delivered, next: next,
            payload: delivered || next == nil ? nil : String(decoding: payload, as: UTF8.self))
    }
}
