import Foundation
import Hummingbird
import NewsStore
import Prometheus

/// `/healthz` (the process answers), `/readyz` (the store answers too) and `/metrics` (Prometheus text).
struct HealthRoutes {
    let store: any NewsStore
    let registry: PrometheusCollectorRegistry

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
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
    }
}
