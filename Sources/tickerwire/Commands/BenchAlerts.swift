import ArgumentParser
import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import NewsAnalysis
import NewsModel
import NewsServer
import NewsStore
import Prometheus
import ServiceLifecycle

/// `tickerwire bench alerts --rules N`: the time from pushing an article to its webhook arriving, with N rules loaded.
struct BenchAlerts: AsyncCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "Time ingest to webhook received, on loopback, with N rules loaded.",
        discussion: """
            Starts the whole server (a fresh store in a temporary folder) and a webhook endpoint in this process, loads \
            N rules as `bench rules` makes them (spread over 1,000 keys; one in a hundred with a webhook) plus one probe \
            rule with a webhook, then pushes articles one at a time over HTTP (POST /v1/articles) that the probe rule \
            and the other rules match. Each delivery's latency runs from the start of the push to the webhook's arrival. \
            Prints p50 and p99 over all deliveries, those of the probe rule alone, and those of the same rule without a \
            webhook on the SSE alert stream.
            """)

    @Option(help: "Rules to load.")
    var rules = 100_000

    @Option(help: "Articles to push, one at a time.")
    var articles = 300

    @ArgumentParser.Flag(help: "Print one JSON object.")
    var json = false

    @ArgumentParser.Flag(help: "Also time the probe rule's twin without a webhook on the SSE alert stream (a client in this process too).")
    var stream = false

    /// What the endpoint received: arrival time by article id, for every delivery and for the probe rule's.
    final class Arrivals: @unchecked Sendable {
        private let lock = NSLock()
        private var all: [(article: String, at: UInt64)] = []
        private var probe: [String: UInt64] = [:]
        private var streamed: [String: UInt64] = [:]
        func stream(_ article: String, at: UInt64) { lock.withLock { streamed[article] = streamed[article] ?? at } }
        var streamSnapshot: [String: UInt64] { lock.withLock { streamed } }
        func add(_ article: String, rule: String, at: UInt64, probeRule: String) {
            lock.withLock {
                all.append((article, at))
                if rule == probeRule { probe[article] = at }
            }
        }
        var snapshot: (all: [(article: String, at: UInt64)], probe: [String: UInt64]) { lock.withLock { (all, probe) } }
    }

    /// The JSON string that follows `marker` in `body` (no escapes in the ids looked for), or "".
    static func string(after marker: String, in body: [UInt8]) -> String {
        let m = Array(marker.utf8)
        guard body.count > m.count, let start = (0...(body.count - m.count)).first(where: { body[$0..<$0 + m.count].elementsEqual(m) }) else {
            return ""
        }
        let from = start + m.count
        let end = body[from...].firstIndex(of: UInt8(ascii: "\"")) ?? body.count
        return String(decoding: body[from..<end], as: UTF8.self)
    }

    func runAsync() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tickerwire-bench-alerts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try SQLiteNewsStore(path: dir.appendingPathComponent("tickerwire.sqlite").path)
        let admin = APIKeys.make(name: "bench", scope: .admin, now: Date())
        try await store.addKey(admin.record)
        let analyzer = NewsAnalyzer(master: try SecurityMaster.bundled())

        // The endpoint, in this process, on loopback.
        let arrivals = Arrivals()
        let probeRule = "rul_probe"
        let receiverRouter = Router()
        receiverRouter.post("/hook") { request, _ -> HTTPResponse.Status in
            let at = DispatchTime.now().uptimeNanoseconds
            let body = Array(try await request.body.collect(upTo: 4 << 20).readableBytesView)
            // Two fields of our own payload, found rather than parsed: this endpoint shares the server's two cores.
            arrivals.add(
                Self.string(after: #""external_id":""#, in: body), rule: Self.string(after: #""rule":{"id":""#, in: body), at: at,
                probeRule: probeRule)
            return .ok
        }
        let (receiverPorts, receiverFound) = AsyncStream.makeStream(of: Int.self)
        let receiver = Application(
            router: receiverRouter, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { receiverFound.yield($0.localAddress?.port ?? 0) }, logger: Logger(label: "receiver"))

        // The rules: N realistic ones over 1,000 keys, one in a hundred with a webhook, and the probe.
        let start = Date()
        var rng = SplitMix(seed: 7)
        let texts = BenchRules.ruleTexts(rules, symbols: BenchRules.watchedSymbols(analyzer.master), rng: &rng)
        var settings = ServerSettings()
        settings.port = 0
        settings.rateLimit = 1_000_000
        let (serverPorts, serverFound) = AsyncStream.makeStream(of: Int.self)
        var receiverIterator = receiverPorts.makeAsyncIterator()
        let receiverGroup = ServiceGroup(services: [receiver], gracefulShutdownSignals: [], cancellationSignals: [], logger: Logger(label: "bench"))
        let receiverTask = Task { try await receiverGroup.run() }
        let receiverPort = await receiverIterator.next() ?? 0
        let hooks = (0..<1000).map { k in
            Webhook(
                id: "whk_\(k)", keyID: "key_\(k)", url: "http://127.0.0.1:\(receiverPort)/hook", secret: WebhookSignature.newSecret(), created: start)
        }
        for h in hooks { try await store.saveWebhook(h) }
        try await store.saveRules(
            texts.enumerated().map { i, text in
                AlertRule(
                    id: "rul_\(i)", keyID: "key_\(i % 1000)", name: "rule \(i)", query: text, webhooks: i % 100 == 0 ? [hooks[i % 1000].id] : [],
                    created: start)
            } + [
                AlertRule(id: probeRule, keyID: "key_0", name: "probe", query: "ticker:F", webhooks: [hooks[0].id], created: start),
                // The same rule without a webhook, for the bench's own key: its alerts reach the SSE stream after the
                // fan-out files them.
                AlertRule(id: "rul_stream", keyID: admin.record.id, name: "stream probe", query: "ticker:F", created: start),
            ])
        try store.checkpoint()
        let loadSeconds = Date().timeIntervalSince(start)

        let app = try await TickerwireServer.buildApplication(
            settings: settings, store: store, analyzer: analyzer, registry: PrometheusCollectorRegistry(), logger: Logger(label: "bench"),
            onServerRunning: { serverFound.yield($0) })
        let serverGroup = ServiceGroup(services: [app], gracefulShutdownSignals: [], cancellationSignals: [], logger: Logger(label: "bench"))
        let serverTask = Task { try await serverGroup.run() }
        var serverIterator = serverPorts.makeAsyncIterator()
        let port = await serverIterator.next() ?? 0

        // The bench key's alert stream (SSE): when each article's alert arrives there.
        var streamRequest = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/stream?alerts=1")
        streamRequest.headers.add(name: "Authorization", value: "Bearer \(admin.key)")
        let streamTask = Task {
            guard stream else { return }
            let streamResponse = try await HTTPClient.shared.execute(streamRequest, timeout: .hours(24))
            var pending: [UInt8] = []
            for try await chunk in streamResponse.body {
                let at = DispatchTime.now().uptimeNanoseconds
                pending += chunk.readableBytesView
                while let end = (0..<max(0, pending.count - 1)).first(where: { pending[$0] == 10 && pending[$0 + 1] == 10 }) {
                    let event = Array(pending[..<end])
                    pending.removeFirst(end + 2)
                    let article = Self.string(after: #""external_id":""#, in: event)
                    if !article.isEmpty { arrivals.stream(article, at: at) }
                }
            }
        }

        // Articles about Ford and a popular company, each its own story (its own words).
        let popular = [
            "Apple Inc. (NASDAQ: AAPL)", "Microsoft Corp. (NASDAQ: MSFT)", "Nvidia Corp. (NASDAQ: NVDA)", "Amazon.com Inc. (NASDAQ: AMZN)",
        ]
        let words = BenchStore.vocabulary
        var sent: [String: UInt64] = [:]
        var acknowledged: [Double] = []
        for n in 0..<articles {
            let own = (0..<40).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: " ")
            let title = "Ford Motor Co. (NYSE: F) and \(popular[n % popular.count]) \(own.split(separator: " ").prefix(6).joined(separator: " "))"
            var w = JSONWriter()
            w.beginObject()
            w.field("id", "bench-\(n)")
            w.field("title", title)
            // Its own figure too: a story is also recognised by an event's company and figure.
            w.field("body", "Ford Motor Co. (NYSE: F) said it will invest $\(n + 1) million in a plant. \(popular[n % popular.count]) \(own).")
            w.field("source", "bench")
            w.endObject()
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/articles")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(admin.key)")
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: w.bytes))
            let t0 = DispatchTime.now().uptimeNanoseconds
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            _ = try await response.body.collect(upTo: 1 << 20)
            guard response.status == .accepted else { throw ValidationError("push answered \(response.status)") }
            acknowledged.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
            sent["bench-\(n)"] = t0
            // Let this article's deliveries finish, so each is timed alone rather than behind the next push.
            let deadline = Date().addingTimeInterval(2)
            while arrivals.snapshot.probe["bench-\(n)"] == nil, Date() < deadline { try await Task.sleep(for: .milliseconds(1)) }
            try await Task.sleep(for: .milliseconds(20))
        }
        try await Task.sleep(for: .milliseconds(500))
        let (all, probe) = arrivals.snapshot
        let streamed = arrivals.streamSnapshot
        streamTask.cancel()
        await serverGroup.triggerGracefulShutdown()
        await receiverGroup.triggerGracefulShutdown()
        _ = try? await serverTask.value
        _ = try? await receiverTask.value

        let every = all.compactMap { a in sent[a.article].map { Double(a.at - $0) / 1e6 } }
        let probed = probe.compactMap { article, at in sent[article].map { Double(at - $0) / 1e6 } }
        let p = BenchStore.percentiles(every)
        let q = BenchStore.percentiles(probed)
        let perArticle = Double(every.count) / Double(max(1, articles))
        let ack = BenchStore.percentiles(acknowledged)
        let streamTimes = BenchStore.percentiles(streamed.compactMap { article, at in sent[article].map { Double(at - $0) / 1e6 } })
        if json {
            print(
                String(
                    format:
                        "{\"rules\": %d, \"articles\": %d, \"deliveries\": %d, \"deliveries_per_article\": %.1f, \"p50_ms\": %.2f, \"p99_ms\": %.2f, \"probe_p50_ms\": %.2f, \"probe_p99_ms\": %.2f, \"probe_received\": %d, \"ack_p50_ms\": %.2f, \"ack_p99_ms\": %.2f, \"stream_p50_ms\": %.2f, \"stream_p99_ms\": %.2f, \"stream_received\": %d, \"load_s\": %.1f}",
                    rules, articles, every.count, perArticle, p.p50, p.p99, q.p50, q.p99, probed.count, ack.p50, ack.p99, streamTimes.p50,
                    streamTimes.p99,
                    streamed.count, loadSeconds))
        } else {
            print("rules: \(rules) (+1 probe) loaded in \(String(format: "%.1f", loadSeconds)) s; \(articles) articles pushed one at a time")
            print(
                String(
                    format: "  ingest → webhook received, all %d deliveries (%.1f an article): p50 %.2f ms, p99 %.2f ms", every.count, perArticle,
                    p.p50,
                    p.p99))
            print(String(format: "  the probe rule's deliveries (%d of %d): p50 %.2f ms, p99 %.2f ms", probed.count, articles, q.p50, q.p99))
            print(String(format: "  the push acknowledged (202, stored): p50 %.2f ms, p99 %.2f ms", ack.p50, ack.p99))
            if stream {
                print(
                    String(
                        format: "  the same rule without a webhook, its alert on the SSE stream (%d of %d): p50 %.2f ms, p99 %.2f ms",
                        streamed.count, articles, streamTimes.p50, streamTimes.p99))
            }
        }
    }
}
