import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NewsServer
import NewsStore
import Prometheus
import ServiceLifecycle

/// The whole server on a free loopback port, with a fresh store and an admin key, reached over real HTTP.
final class TestServer: @unchecked Sendable {
    let port: Int
    let store: SQLiteNewsStore
    let adminKey: String
    private let group: ServiceGroup
    private let running: Task<Void, any Error>

    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: Data
        var json: Any? { try? JSONSerialization.jsonObject(with: body) }
        var object: [String: Any] { json as? [String: Any] ?? [:] }
    }

    private init(port: Int, store: SQLiteNewsStore, adminKey: String, group: ServiceGroup, running: Task<Void, any Error>) {
        self.port = port
        self.store = store
        self.adminKey = adminKey
        self.group = group
        self.running = running
    }

    static func start(rateLimit: Double = 10_000, webhookRetries: [Double] = [0.2, 0.2, 0.2]) async throws -> TestServer {
        let store = try TestSupport.freshStore()
        let made = APIKeys.make(name: "test admin", scope: .admin, now: Date())
        try await store.addKey(made.record)
        var settings = ServerSettings()
        settings.port = 0
        settings.rateLimit = rateLimit
        settings.webhookRetries = webhookRetries
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = try await TickerwireServer.buildApplication(
            settings: settings, store: store, analyzer: TestSupport.analyzer, registry: PrometheusCollectorRegistry(),
            logger: Logger(label: "test-server"), onServerRunning: { port in portContinuation.yield(port) })
        let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], cancellationSignals: [], logger: Logger(label: "test"))
        let running = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw POSIXError(.EADDRNOTAVAIL) }
        return TestServer(port: port, store: store, adminKey: made.key, group: group, running: running)
    }

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await running.value
    }

    var base: String { "http://127.0.0.1:\(port)" }

    func request(
        _ method: HTTPMethod, _ path: String, key: String? = nil, headers: [(String, String)] = [], contentType: String? = nil, body: Data? = nil
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        if let key { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers, body: Data(bytes.readableBytesView))
    }

    func get(_ path: String, key: String? = nil, headers: [(String, String)] = []) async throws -> Reply {
        try await request(.GET, path, key: key ?? adminKey, headers: headers)
    }

    /// POSTs a JSON object.
    func post(_ path: String, _ json: String, key: String? = nil) async throws -> Reply {
        try await request(.POST, path, key: key ?? adminKey, contentType: "application/json", body: Data(json.utf8))
    }

    /// A new key with this scope.
    func makeKey(_ name: String, scope: String = "write") async throws -> String {
        let made = try await post("/v1/keys", #"{"name": "\#(name)", "scope": "\#(scope)"}"#)
        guard let key = made.object["key"] as? String else { throw POSIXError(.EINVAL) }
        return key
    }

    func push(_ ndjson: String, key: String? = nil) async throws -> Reply {
        try await request(.POST, "/v1/articles", key: key ?? adminKey, contentType: "application/x-ndjson", body: Data(ndjson.utf8))
    }
}
