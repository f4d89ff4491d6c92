import Hummingbird
import NewsStore

/// The request context of the API: Hummingbird's core context and the API key the request was made with (set by
/// `AuthMiddleware`).
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var key: APIKey?

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// Bodies decoded with `request.decode` stop here (pushed batches are read with their own limit).
    public var maxUploadSize: Int { 1 << 20 }
}

extension APIRequestContext {
    /// The key the request was made with (the auth middleware lets none through without one).
    func requireKey() throws -> APIKey {
        guard let key else { throw APIError(.unauthorized, "send an API key") }
        return key
    }

    /// The key's own item named by the path's `id` (from `items`, the key's list); a 404 naming `kind` when the key
    /// has none by that id — whether or not another key has.
    func owned<T>(_ kind: String, _ items: (String) async throws -> [T], id: (T) -> String) async throws -> T {
        let key = try requireKey()
        let wanted = parameters.get("id") ?? ""
        guard let found = try await items(key.id).first(where: { id($0) == wanted }) else {
            throw APIError(.notFound, "no \(kind) \(wanted.prefix(40)) for this key")
        }
        return found
    }
}
