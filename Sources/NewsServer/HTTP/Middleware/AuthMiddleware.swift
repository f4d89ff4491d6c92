import Foundation
import HTTPTypes
import Hummingbird
import NewsStore

/// Finds the request's API key (`Authorization: Bearer`, `X-API-Key`, or `token=` as Benzinga clients send it),
/// checks it is known, unrevoked and allowed what the route needs, and applies the key's rate limit.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    let keys: any KeyStore
    let limiter: RateLimiter
    let cache: KeyCache
    let clock: @Sendable () -> Date

    /// Paths anyone may read: health, metrics and the API description.
    static let open: Set<String> = ["/healthz", "/readyz", "/metrics", "/openapi.json"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if Self.open.contains(request.uri.path) { return try await next(request, context) }
        let now = clock()
        let key = try await Self.authenticate(request, keys: keys, cache: cache, now: now)
        let needed = Self.scope(request)
        guard key.allows(needed) else {
            throw APIError(.forbidden, "this key has the \(key.scope.rawValue) scope; \(request.method) \(request.uri.path) needs \(needed.rawValue)")
        }
        if let wait = limiter.take(key.id, now: now.timeIntervalSince1970) {
            throw APIError(.rateLimited, "over \(Int(limiter.rate)) requests a second for this key", retryAfter: max(1, Int(wait.rounded(.up))))
        }
        var context = context
        context.key = key
        return try await next(request, context)
    }

    /// The request's key, known and unrevoked, or a 401 saying what is wrong (the WebSocket upgrade uses it too).
    static func authenticate(_ request: Request, keys: any KeyStore, cache: KeyCache, now: Date) async throws -> APIKey {
        guard let presented = presentedKey(request) else {
            throw APIError(.unauthorized, "send an API key: Authorization: Bearer KEY, X-API-Key: KEY, or ?token=KEY")
        }
        guard let key = try await cache.key(hash: APIKeys.hash(presented), now: now, lookup: { try await keys.activeKey(hash: $0) }) else {
            throw APIError(.unauthorized, "the API key is unknown or has been revoked")
        }
        return key
    }

    static func presentedKey(_ request: Request) -> String? {
        if let auth = request.headers[.authorization], auth.lowercased().hasPrefix("bearer ") {
            return String(auth.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        }
        if let key = request.headers[HTTPField.Name("X-API-Key")!] { return key.trimmingCharacters(in: .whitespaces) }
        return request.uri.queryParameters.get("token")
    }

    /// Reading needs `read`; pushing and analysing need `write`; managing keys needs `admin`.
    static func scope(_ request: Request) -> APIKey.Scope {
        if request.uri.path.hasPrefix("/v1/keys") { return .admin }
        switch request.method {
        case .get, .head, .options: return .read
        default: return .write
        }
    }
}

/// Keys looked up recently, for a few seconds (so a revocation takes effect within that time, and a busy key
/// does not cost a database read per request).
final class KeyCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (key: APIKey?, until: Date)] = [:]
    let ttl: Double

    init(ttl: Double = 2) {
        self.ttl = ttl
    }

    func key(hash: String, now: Date, lookup: (String) async throws -> APIKey?) async throws -> APIKey? {
        if let hit = lock.withLock({ entries[hash] }), hit.until > now { return hit.key }
        let key = try await lookup(hash)
        lock.withLock {
            if entries.count > 10_000 { entries.removeAll() }
            entries[hash] = (key, now.addingTimeInterval(ttl))
        }
        return key
    }

    func forget() {
        lock.withLock { entries.removeAll() }
    }
}
