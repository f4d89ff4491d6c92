import Foundation
import MetricsTestKit
import NewsModel
import NewsStore
import ServiceLifecycle
import Testing

@testable import NewsServer

/// Pollers and the pipeline as the server runs them, against real HTTP on loopback and a real SQLite store.
@Suite(.serialized) struct SourcePollerTests {
    @Test func sourcesArePolledStoredOnceAndTheirStateKept() async throws {
        let (base, server) = try LocalFeedServer.start()
        defer { LocalFeedServer.stop(server) }
        let store = try TestSupport.freshStore()
        let folder = try TestSupport.temporaryDirectory()
        try #"{"id": "f1", "title": "Soylent recalls a product", "body": "Soylent recalled a product."}"#.write(
            to: folder.appendingPathComponent("drop.ndjson"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(-60)], ofItemAtPath: folder.appendingPathComponent("drop.ndjson").path)

        let feed = try await store.saveSource(SourceConfig(kind: .feed, location: "\(base)/feed.xml", name: "local-wire", interval: 0.3))
        let broken = try await store.saveSource(SourceConfig(kind: .feed, location: "\(base)/error", name: "broken", interval: 0.2))
        let api = try await store.saveSource(
            SourceConfig(
                kind: .json, location: "\(base)/api/news", name: "provider", interval: 0.3,
                mapping: FieldMapping(
                    items: "data.items", id: "uid", title: "headline", body: "content.rendered", url: "permalink", published: "created",
                    since: "since")))
        _ = try await store.saveSource(SourceConfig(kind: .json, location: "\(base)/api/stream.ndjson", name: "stream", interval: 0.3))
        let drop = try await store.saveSource(SourceConfig(kind: .directory, location: folder.path, interval: 0.2))

        let metrics = TestMetrics()
        let pipeline = NewsPipeline(analyzer: TestSupport.analyzer, store: store, metrics: metrics)
        let pollers: [any Service] = [
            pipeline,
            SourcePoller(FeedSource(timeout: 2), registry: store, pipeline: pipeline, idle: 0.1),
            SourcePoller(JSONAPISource(timeout: 2), registry: store, pipeline: pipeline, idle: 0.1),
            SourcePoller(FolderSource(settle: 0.1), registry: store, pipeline: pipeline, idle: 0.1),
        ]
        let queriesURL = URL(string: "\(base)/api/queries")!
        let apiQueries: @Sendable () async throws -> [String] = {
            guard case .body(let data, _) = await HTTPGet().fetch(queriesURL, accept: "application/json") else { return [] }
            return try JSONDecoder().decode([String].self, from: data)
        }
        let settled = try await TestSupport.run(pollers) {
            // Everything stored, and the API asked again (with its cursor) after its first answer.
            let queries = try await apiQueries()
            let states = try await store.sources()
            return try await store.count() == 6 && queries.count >= 2 && states.first { $0.id == broken.id }!.state.failures >= 2
        }
        #expect(settled)

        #expect(try await store.count() == 6, "each article once, however often its source was polled")
        let globex = try #require(try await store.search(NewsQuery(text: "Globex dividend")).articles.first)
        #expect(globex.source == "provider")
        #expect(globex.published == Date(timeIntervalSince1970: 1_600_178_400))
        #expect(globex.url == "http://local/globex")
        #expect(globex.body.contains("quarterly dividend"))

        let states = Dictionary(uniqueKeysWithValues: try await store.sources().map { ($0.id, $0.state) })
        #expect(states[feed.id]?.etag == "\"v1\"")
        #expect(states[feed.id]?.articles == 1)
        #expect(states[feed.id]?.failures == 0)
        #expect(states[broken.id]?.lastError?.contains("500") == true)
        #expect((states[broken.id]?.nextPoll ?? .distantPast) > (states[broken.id]?.lastSuccess ?? .distantPast))
        #expect(states[api.id]?.cursor == 1_600_182_000)
        #expect(states[drop.id]?.files.keys.sorted() == ["drop.ndjson"])
        let queries = try await apiQueries()
        #expect(queries.first == "/api/news")
        #expect(queries.dropFirst().allSatisfy { $0 == "/api/news?since=1600182000" }, "\(queries)")

        #expect(try metrics.expectCounter("tickerwire_articles_total", [("stage", "stored"), ("source", "provider")]).totalValue == 2)
        #expect(try metrics.expectCounter("tickerwire_articles_total", [("stage", "in"), ("source", "local-wire")]).totalValue >= 1)
        #expect(try metrics.expectGauge("tickerwire_source_lag_seconds", [("source", "provider")]).lastValue ?? 0 > 0)
    }
}
