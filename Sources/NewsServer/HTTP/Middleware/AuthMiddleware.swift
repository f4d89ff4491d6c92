import Foundation
import HTTPTypes
import Hummingbird
import NewsStore

/// Guards the API (`/v1/…`, `/api/…`): finds the request's API key (`Authorization: Bearer`, `X-API-Key`, `token=`
/// as Benzinga clients send it, or the dashboard's sign-in cookie), checks it is known, unrevoked and allowed what
/// the route needs, and applies the key's rate limit. A change made with the cookie must carry the session's CSRF
/// token. Health, metrics, the API description and the dashboard (which signs in on its own, `WebRoutes`) are open.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    let keys: any KeyStore
    let limiter: RateLimiter
    let cache: KeyCache
    let clock: @Sendable () -> Date

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        // Health, metrics and the API description (and the dashboard's pages) are not the API's to guard.
        guard path.hasPrefix("/v1/") || path.hasPrefix("/api/") else { return try await next(request, context) }
        let now = clock()
        let key = try await Self.authenticate(request, keys: keys, cache: cache, now: now)
        if Self.presentedKey(request) == nil, let cookie = WebSession.key(in: request), !Self.isSafe(request.method),
            !WebSession.isValidCSRF(request.headers[WebSession.csrfHeader], key: cookie)
        {
            throw APIError(.forbidden, "a change made with the dashboard's sign-in needs its X-CSRF-Token header")
        }
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
        guard let presented = presentedKey(request) ?? WebSession.key(in: request) else {
            throw APIError(.unauthorized, "send an API key: Authorization: Bearer KEY, X-API-Key: KEY, or ?token=KEY")
        }
        guard let key = try await cache.activeKey(presented, in: keys, now: now) else {
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

    /// Reading needs `read`; pushing and analysing need `write`; managing keys needs `admin`. (Checking and trying a
    /// rule changes nothing: `read`.)
    static func scope(_ request: Request) -> APIKey.Scope {
        if request.uri.path.hasPrefix("/v1/keys") { return .admin }
        if request.uri.path == "/v1/rules/check" || request.uri.path == "/v1/rules/test" { return .read }
        return isSafe(request.method) ? .read : .write
    }

    static func isSafe(_ method: HTTPRequest.Method) -> Bool { method == .get || method == .head || method == .options }
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

    /// The known, unrevoked key a client presented (as typed: hashed here), or nil.
    func activeKey(_ presented: String, in keys: any KeyStore, now: Date) async throws -> APIKey? {
        try await key(hash: APIKeys.hash(presented), now: now, lookup: { try await keys.activeKey(hash: $0) })
    }

    func forget() {
        lock.withLock { entries.removeAll() }
    }
}
