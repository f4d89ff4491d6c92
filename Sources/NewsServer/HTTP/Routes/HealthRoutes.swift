import Foundation
import Hummingbird
import NewsStore
import Prometheus

/// `/healthz` (the process answers), `/readyz` (the store answers too), `/metrics` (Prometheus text) and
/// `/openapi.json` (the API described).
struct HealthRoutes {
    let store: any NewsStore
    let registry: PrometheusCollectorRegistry

    /// The OpenAPI 3.1 document, a resource kept beside the routes (a test checks that every route is in it).
    static let openAPIDocument: [UInt8] = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"), let data = try? Data(contentsOf: url) else {
            return Array(#"{"openapi":"3.1.0","info":{"title":"Tickerwire API","version":"missing"},"paths":{}}"#.utf8)
        }
        return [UInt8](data)
    }()

    func register(on router: Router<APIRequestContext>) {
        router.get("/healthz") { _, _ in Response.json(Array(#"{"status":"ok"}"#.utf8)) }
        router.get("/readyz") { _, _ in
            do {
                let n = try await store.count()
                return Response.json(Array(#"{"status":"ready","articles":\#(n)}"#.utf8))
            } catch {
                throw APIError(.unavailable, "the news store does not answer: \(error)", retryAfter: 5)
            }
        }
        let openAPI = Self.openAPIDocument
        router.get("/openapi.json") { _, _ in Response.json(openAPI) }
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
    }
}
