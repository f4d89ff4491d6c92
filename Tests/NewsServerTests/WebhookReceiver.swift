import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ServiceLifecycle

/// A webhook endpoint for tests: a real HTTP server on loopback that records every POST and answers with the
/// statuses it is told to (then 200).
final class WebhookReceiver: @unchecked Sendable {
    struct Received: Sendable {
        var id: String
        var timestamp: Int
        var signature: String
        var body: [UInt8]
        var at: Date
        var object: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }
        /// The alert's rule id.
        var rule: String? { ((object["data"] as? [String: Any])?["rule"] as? [String: Any])?["id"] as? String }
    }

    private let lock = NSLock()
    private var items: [Received] = []
    /// Answers to give, in order, before answering 200: a status and an optional Retry-After.
    private var script: [(Int, String?)]
    private(set) var port = 0
    private var group: ServiceGroup?
    private var running: Task<Void, any Error>?

    init(script: [(Int, String?)] = []) { self.script = script }

    var received: [Received] { lock.withLock { items } }
    var url: String { "http://127.0.0.1:\(port)/hook" }

    /// Starts on `port` (0: any free port).
    func start(port: Int = 0) async throws {
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let item = Received(
                id: request.headers[HTTPField.Name("webhook-id")!] ?? "",
                timestamp: Int(request.headers[HTTPField.Name("webhook-timestamp")!] ?? "") ?? 0,
                signature: request.headers[HTTPField.Name("webhook-signature")!] ?? "", body: Array(body.readableBytesView), at: Date())
            let answer: (Int, String?) = self.lock.withLock {
                self.items.append(item)
                return self.script.isEmpty ? (200, nil) : self.script.removeFirst()
            }
            var headers = HTTPFields()
            if let retry = answer.1 { headers[.retryAfter] = retry }
            return Response(status: .init(code: answer.0), headers: headers)
        }
        let (ports, found) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { found.yield($0.localAddress?.port ?? 0) },
            logger: Logger(label: "receiver"))
        let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], cancellationSignals: [], logger: Logger(label: "receiver"))
        self.group = group
        running = Task { try await group.run() }
        var it = ports.makeAsyncIterator()
        self.port = await it.next() ?? 0
    }

    func stop() async {
        await group?.triggerGracefulShutdown()
        _ = try? await running?.value
    }

    /// Waits until `count` POSTs have arrived (or `timeout` seconds pass); returns what arrived.
    func wait(for count: Int, timeout: Double = 15) async throws -> [Received] {
        let deadline = Date().addingTimeInterval(timeout)
        while received.count < count, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        return received
    }
}
