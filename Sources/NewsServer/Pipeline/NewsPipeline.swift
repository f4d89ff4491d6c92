import Dispatch
import Foundation
import Metrics
import NewsAnalysis
import NewsModel
import NewsStore
import ServiceLifecycle

/// Where every source's articles go: analyse (on all cores), assign stories, match the alert rules, store (in
/// batches, one transaction each, with each article's alerts), then hand the stored articles to `afterStore` (the
/// live hub, the webhook sender).
///
/// Sources call `submit` and get each article's outcome once its batch is committed, so they save their own
/// progress (a feed's validators, a folder's imported files) only after their articles are safe. The queue in
/// front is bounded: when it is full, `submit` waits. One batch is analysed while the one before is written.
public final class NewsPipeline: Service, Sendable {
    public typealias AfterStore = @Sendable (_ articles: [StoredArticle.Incoming], _ outcomes: [IngestOutcome]) async -> Void

    private let analyzer: NewsAnalyzer
    private let store: any NewsStore
    private let batchSize: Int
    private let maxArticleBytes: Int
    private let queue: PipelineQueue
    private let stories: StoryAssigner
    private let metrics: PipelineMetrics
    private let afterStore: AfterStore?
    private let alerts: AlertRules?
    private let clock: @Sendable () -> Date

    /// - Parameters:
    ///   - batchSize: articles analysed and written together.
    ///   - capacity: articles that may wait before `submit` waits too.
    ///   - maxArticleBytes: a longer article (title and body, UTF-8) is rejected.
    ///   - metrics: where counts go (the process-wide swift-metrics backend unless a test passes its own).
    public init(
        analyzer: NewsAnalyzer, store: any NewsStore, batchSize: Int = 256, capacity: Int = 4096, maxArticleBytes: Int = 1 << 20,
        metrics: any MetricsFactory = MetricsSystem.factory, alerts: AlertRules? = nil, stories: StoryAssigner = StoryAssigner(),
        clock: @escaping @Sendable () -> Date = Date.init, afterStore: AfterStore? = nil
    ) {
        self.stories = stories
        self.alerts = alerts
        self.clock = clock
        self.metrics = PipelineMetrics(factory: metrics)
        self.analyzer = analyzer
        self.store = store
        self.batchSize = batchSize
        self.maxArticleBytes = maxArticleBytes
        self.queue = PipelineQueue(capacity: capacity)
        self.afterStore = afterStore
    }

    /// Analyses and stores articles from `source` (the name given to articles that carry none) and returns what
    /// became of each, in order, once committed. Waits while the pipeline is full. Throws when the pipeline is
    /// shutting down or the store failed; then none of these articles was acknowledged, and sending them again is safe.
    public func submit(_ articles: [Article], source: String) async throws -> [PipelineOutcome] {
        guard !articles.isEmpty else { return [] }
        metrics.count(.received, source: source, articles.count)
        return try await queue.submit(articles, source: source, received: clock())
    }

    public func run() async throws {
        await withTaskCancellationOrGracefulShutdownHandler {
            var writing: Task<Void, Never>? = nil
            while let jobs = await queue.take(maxArticles: batchSize) {
                metrics.queueDepth(queue.depth)
                let batch = await analyse(jobs)
                await writing?.value
                writing = Task { await self.write(batch) }
            }
            await writing?.value
        } onCancelOrGracefulShutdown: {
            self.queue.close()
        }
    }

    /// Submissions analysed and ready to write: `incoming` holds the accepted articles, and `outcomes` each
    /// submission's rejections in place (nil where an article awaits its write).
    private struct Batch: @unchecked Sendable {
        var jobs: [PipelineQueue.Job]
        var incoming: [StoredArticle.Incoming]
        var sourceOfIncoming: [String]
        var outcomes: [[PipelineOutcome?]]
    }

    private func analyse(_ jobs: [PipelineQueue.Job]) async -> Batch {
        var outcomes: [[PipelineOutcome?]] = []
        var accepted: [(article: Article, source: String, received: Date)] = []
        for job in jobs {
            var slots = [PipelineOutcome?](repeating: nil, count: job.articles.count)
            for (i, a) in job.articles.enumerated() {
                if let reason = rejection(a) {
                    slots[i] = .rejected(reason: reason)
                    metrics.count(.rejected, source: job.source)
                } else {
                    accepted.append((a, job.source, job.received))
                }
            }
            outcomes.append(slots)
        }
        let incoming = await withCheckedContinuation { [accepted] c in
            DispatchQueue.global().async { [analyzer, stories, alerts, clock] in
                c.resume(returning: Self.analyseOnAllCores(accepted, analyzer: analyzer, stories: stories, alerts: alerts, now: clock()))
            }
        }
        for (source, n) in Dictionary(grouping: accepted, by: \.source).mapValues(\.count) { metrics.count(.analysed, source: source, n) }
        return Batch(jobs: jobs, incoming: incoming, sourceOfIncoming: accepted.map(\.source), outcomes: outcomes)
    }

    private func rejection(_ a: Article) -> String? {
        if a.title.allSatisfy(\.isWhitespace) && a.body.allSatisfy(\.isWhitespace) { return "no title and no body" }
        let bytes = a.title.utf8.count + a.body.utf8.count
        if bytes > maxArticleBytes { return "\(bytes) bytes, over the limit of \(maxArticleBytes)" }
        return nil
    }

    /// Tags, then enriches, the whole batch on all cores (each stage over the batch keeps its tables in cache),
    /// assigns stories in arrival order, and encodes for the store and matches the alert rules on all cores again.
    private static func analyseOnAllCores(
        _ accepted: [(article: Article, source: String, received: Date)], analyzer: NewsAnalyzer, stories: StoryAssigner, alerts: AlertRules?,
        now: Date
    ) -> [StoredArticle.Incoming] {
        let tagged = accepted.concurrentMap { analyzer.tag($0.article) }
        var analysed = tagged.concurrentMap { analyzer.enrich($0) }
        for k in analysed.indices { stories.assign(&analysed[k]) }
        return Array(zip(analysed, accepted)).concurrentMap { a, arrival in
            var incoming = StoredArticle.Incoming.prepared(a, defaultSource: arrival.source, received: arrival.received)
            if let alerts { incoming.alerts = alerts.pending(for: incoming, at: now) }
            return incoming
        }
    }

    private func write(_ batch: Batch) async {
        let stored: [IngestOutcome]
        do {
            stored = batch.incoming.isEmpty ? [] : try await store.ingest(batch.incoming)
        } catch {
            // Rolled back: nothing in this batch is acknowledged; each submitter hears why and may send again.
            for job in batch.jobs { job.reply.resume(throwing: error) }
            return
        }
        let now = clock()
        var next = stored.makeIterator()
        var newest: [String: Date] = [:]
        for (j, job) in batch.jobs.enumerated() {
            let outcomes = batch.outcomes[j].map { $0 ?? .stored(next.next()!) }
            job.reply.resume(returning: outcomes)
            metrics.latency(seconds: now.timeIntervalSince(job.received))
        }
        for (k, outcome) in stored.enumerated() {
            let source = batch.sourceOfIncoming[k]
            if case .duplicate = outcome { metrics.count(.duplicate, source: source) } else { metrics.count(.stored, source: source) }
            if let p = batch.incoming[k].published, p > newest[source, default: .distantPast] { newest[source] = p }
        }
        for (source, published) in newest { metrics.lag(source: source, seconds: now.timeIntervalSince(published)) }
        await afterStore?(batch.incoming, stored)
    }
}
