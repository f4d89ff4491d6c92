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
