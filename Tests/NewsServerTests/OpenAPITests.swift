import Foundation
import Logging
import Prometheus
import Testing

@testable import NewsServer

/// `/openapi.json` describes every route the server answers, and nothing it does not.
@Suite struct OpenAPITests {
    @Test func everyRouteIsDescribedAndEveryDescribedRouteExists() throws {
        let store = try TestSupport.freshStore()
        let pipeline = NewsPipeline(analyzer: TestSupport.analyzer, store: store)
        let (router, _) = try TickerwireServer.buildRouters(
            settings: ServerSettings(), store: store, analyzer: TestSupport.analyzer, pipeline: pipeline, hub: ArticleHub(), alerts: AlertRules(),
            sender: WebhookSender(store: store, logger: Logger(label: "test")), registry: PrometheusCollectorRegistry(), clock: Date.init)
        // The API's routes; the dashboard's pages are not the API.
        let api = router.routes.filter { route in
            let path = route.path.description
            return path.hasPrefix("/v1/") || path.hasPrefix("/api/") || ["/healthz", "/readyz", "/metrics", "/openapi.json"].contains(path)
        }
        let served = Set(
            api.map { route in
                let path = route.path.description.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
                return "\(route.method.rawValue.lowercased()) /" + path.joined(separator: "/")
            })
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(HealthRoutes.openAPIDocument)) as? [String: Any])
        #expect(doc["openapi"] as? String == "3.1.0")
        let paths = try #require(doc["paths"] as? [String: [String: Any]])
        let described = Set(paths.flatMap { path, ops in ops.keys.map { "\($0) \(path)" } })
        #expect(served.subtracting(described).isEmpty, "routes missing from openapi.json: \(served.subtracting(described).sorted())")
        #expect(described.subtracting(served).isEmpty, "described but not served: \(described.subtracting(served).sorted())")
        #expect(served.count >= 17)
    }
}
