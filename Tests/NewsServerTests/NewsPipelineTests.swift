import Foundation
import MetricsTestKit
import NewsModel
import NewsStore
import Testing

@testable import NewsServer

@Suite struct NewsPipelineTests {
    @Test func manySubmittersThroughASmallQueueAllGetTheirOutcomes() async throws {
        let store = try TestSupport.freshStore()
        let metrics = TestMetrics()
        let pipeline = NewsPipeline(analyzer: TestSupport.analyzer, store: store, batchSize: 4, capacity: 8, maxArticleBytes: 2000, metrics: metrics)
        let submitters = 12
        let all = try await TestSupport.whileRunning([pipeline]) {
            try await withThrowingTaskGroup(of: [PipelineOutcome].self) { group in
                for s in 0..<submitters {
                    group.addTask {
                        let articles = (0..<5).map { k in
                            Article(id: "s\(s)-\(k)", title: "Company \(s) item \(k)", body: "Apple shares rose \(s * 5 + k)% today.", source: "wire")
                        }
                        // Every submitter also re-sends one article and sends an empty and an oversized one.
                        let extra = [articles[0], Article(title: " ", body: ""), Article(title: "Huge", body: String(repeating: "x", count: 3000))]
                        return try await pipeline.submit(articles + extra, source: "wire")
                    }
                }
                var all: [[PipelineOutcome]] = []
                for try await o in group { all.append(o) }
                return all
            }
        }
        #expect(all.count == submitters)
        for o in all {
            #expect(o.count == 8)
            #expect(o[0...4].allSatisfy { if case .stored(.added) = $0 { true } else { false } })
            guard case .stored(.added(let seq)) = o[0] else { continue }
            #expect(o[5] == .stored(.duplicate(seq: seq)))
            #expect(o[6] == .rejected(reason: "no title and no body"))
            if case .rejected(let reason) = o[7] { #expect(reason.contains("over the limit")) } else { Issue.record("\(o[7])") }
        }
        #expect(try await store.count() == submitters * 5)
        let count = { (stage: String) in try metrics.expectCounter("tickerwire_articles_total", [("stage", stage), ("source", "wire")]).totalValue }
        #expect(try count("in") == submitters * 8)
        #expect(try count("analysed") == submitters * 6)
        #expect(try count("stored") == submitters * 5)
        #expect(try count("duplicate") == submitters)
        #expect(try count("rejected") == submitters * 2)
        let stored = try #require(try await store.search(NewsQuery(text: "Company 3 item 2")).articles.first)
        #expect(stored.analysis.instruments.map(\.symbol).contains("AAPL"))
    }

    /// A restarted server still knows the day's stories: the story index is warmed from the store, so a rewrite of
    /// a story stored before the restart is a repeat, not news.
    @Test func storiesCarryOverARestart() async throws {
        let store = try TestSupport.freshStore()
        let body = """
            Acme Robotics said on Monday it would buy the drone maker SkyLift for $1.2 billion in cash, expanding its \
            delivery business. The deal, approved by both boards, is expected to close in the third quarter. Acme shares \
            rose 3% in early trading as analysts said the price looked fair for a company with SkyLift's growth.
            """
        let published = Date(timeIntervalSince1970: 1_790_000_000)
        func run(_ article: Article) async throws -> StoredArticle {
            let stories = StoryAssigner()
            try await stories.warm(from: store)
            let pipeline = NewsPipeline(analyzer: TestSupport.analyzer, store: store, stories: stories)
            let outcome = try await TestSupport.whileRunning([pipeline]) { try await pipeline.submit([article], source: "wire") }
            guard case .stored(.added(let seq)) = outcome.first else {
                Issue.record("not stored: \(outcome)")
                throw PipelineError.closed
            }
            return try #require(try await store.article(seq))
        }
        let first = try await run(Article(id: "a1", title: "Acme To Buy SkyLift For $1.2B", body: body, published: published, source: "wire"))
        let rewrite = try await run(
            Article(
                id: "b1", title: "Acme buys SkyLift", body: body.replacingOccurrences(of: "Monday", with: "Tuesday"),
                published: published.addingTimeInterval(600), source: "other"))
        #expect(first.analysis.novelty == 100)
        #expect(rewrite.analysis.story == first.analysis.story)
        #expect(rewrite.analysis.novelty == 60)
    }

    @Test func afterShutdownSubmissionsAreRefused() async throws {
        let pipeline = NewsPipeline(analyzer: TestSupport.analyzer, store: try TestSupport.freshStore())
        _ = try await TestSupport.whileRunning([pipeline]) {}
        await #expect(throws: PipelineError.self) { try await pipeline.submit([Article(title: "Late", body: "")], source: "wire") }
    }
}
