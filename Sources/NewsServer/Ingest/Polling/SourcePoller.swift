import Foundation
import Logging
import NewsModel
import NewsStore
import ServiceLifecycle

/// Polls every registered source of one kind: claims those that are due (with a lease, so two pollers never take
/// the same one), looks at up to `concurrency` at once, submits what they find to the pipeline, and saves their
/// state only after the pipeline has committed the articles. A failing source backs off on its own; it never
/// stops the others or the poller.
public struct SourcePoller<Source: PolledSource>: Service {
    private let source: Source
    private let registry: any SourceRegistry
    private let pipeline: NewsPipeline
    private let concurrency: Int
    /// How long a claim holds a source: longer than a poll can take.
    private let lease: Double
    /// The longest sleep between looks at the registry, so sources added meanwhile start soon.
    private let idle: Double
    private let logger: Logger
    private let clock: @Sendable () -> Date

    public init(
        _ source: Source, registry: any SourceRegistry, pipeline: NewsPipeline, concurrency: Int = 8, lease: Double = 60,
        idle: Double = 1, logger: Logger = Logger(label: "tickerwire.sources"), clock: @escaping @Sendable () -> Date = Date.init
    ) {
        self.clock = clock
        self.source = source
        self.registry = registry
        self.pipeline = pipeline
        self.concurrency = concurrency
        self.lease = lease
        self.idle = idle
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Bool.self) { group in
                // Children: polls (true) and one timer (false), so the loop wakes for whichever comes first.
                var polling = 0
                var timerRunning = false
                while !Task.isCancelled {
                    if polling < concurrency {
                        for due in await claim(limit: concurrency - polling) {
                            polling += 1
                            group.addTask { await self.poll(due) }
                        }
                    }
                    if !timerRunning {
                        timerRunning = true
                        let wait = await secondsUntilNextDue()
                        group.addTask {
                            try? await Task.sleep(for: .seconds(wait))
                            return false
                        }
                    }
                    guard let wasPoll = await group.next() else { break }
                    if wasPoll { polling -= 1 } else { timerRunning = false }
                }
                group.cancelAll()
            }
        }
    }

    /// Polls every source that is due, and those that become due meanwhile (a folder with more to read), then
    /// returns: one round, for a cron job or a test.
    public func pollDue() async {
        await withTaskGroup(of: Bool.self) { group in
            var polling = 0
            while true {
                if polling < concurrency {
                    for due in await claim(limit: concurrency - polling) {
                        polling += 1
                        group.addTask { await self.poll(due) }
                    }
                }
                guard polling > 0, await group.next() != nil else { break }
                polling -= 1
            }
        }
    }

    private func claim(limit: Int) async -> [RegisteredSource] {
        do {
            return try await registry.claimDueSources(Source.kind, now: clock(), lease: lease, limit: limit)
        } catch {
            logger.error("cannot read the \(Source.kind.rawValue) sources: \(error)")
            return []
        }
    }

    private func secondsUntilNextDue() async -> Double {
        guard let next = try? await registry.nextDuePoll(Source.kind) else { return idle }
        return min(idle, max(0.01, next.timeIntervalSince(clock())))
    }

    /// One poll of one source, its articles stored and its state saved (which ends the lease). Returns true.
    private func poll(_ registered: RegisteredSource) async -> Bool {
        let config = registered.config
        let started = clock()
        var state = registered.state
        switch await source.poll(registered, now: started) {
        case .found(let articles, let keep, let more, let problems):
            do {
                let (new, rejected) = try await store(articles, from: config.name)
                state = keep
                state.failures = 0
                state.lastSuccess = started
                let unread = problems + rejected
                state.lastError = unread.isEmpty ? nil : "\(unread.count) not stored, e.g. \(unread[0])"
                state.articles += new
                state.nextPoll = more ? clock() : started.addingTimeInterval(config.interval)
                for problem in unread.prefix(20) { logger.warning("\(config.name): \(problem)") }
                if new > 0 { logger.info("\(config.name): \(new) new of \(articles.count)") }
            } catch {
                // Not committed: keep the old state (validators, files seen), so the same articles are fetched again.
                if Task.isCancelled { return await release(registered) }
                state = failed(state, config: config, reason: "not stored: \(error)", retryAfter: nil)
            }
        case .failed(let reason, let retryAfter):
            if Task.isCancelled { return await release(registered) }
            state = failed(state, config: config, reason: reason, retryAfter: retryAfter)
        }
        await save(state, of: registered)
        return true
    }

    /// Saves in a task of its own: a poll cut short by shutdown must still give its lease back.
    private func save(_ state: SourceState, of registered: RegisteredSource) async {
        let (registry, logger) = (self.registry, self.logger)
        await Task {
            do {
                try await registry.saveState(state, of: registered.id)
            } catch {
                logger.error("\(registered.config.name): cannot save the source state: \(error)")
            }
        }.value
    }

    /// Submits in pipeline-sized chunks; returns how many were new (added or updated) and the rejection reasons.
    private func store(_ articles: [Article], from name: String) async throws -> (new: Int, rejected: [String]) {
        var new = 0
        var rejected: [String] = []
        var start = 0
        while start < articles.count {
            let chunk = Array(articles[start..<min(articles.count, start + 256)])
            for outcome in try await pipeline.submit(chunk, source: name) {
                switch outcome {
                case .stored(.added), .stored(.updated): new += 1
                case .stored(.duplicate): break
                case .rejected(let reason): rejected.append(reason)
                }
            }
            start += chunk.count
        }
        return (new, rejected)
    }

    private func failed(_ old: SourceState, config: SourceConfig, reason: String, retryAfter: Double?) -> SourceState {
        var state = old
        state.failures += 1
        state.lastError = reason
        let delay = PollBackoff.delay(interval: config.interval, failures: state.failures, retryAfter: retryAfter)
        state.nextPoll = clock().addingTimeInterval(delay)
        logger.warning("\(config.name): \(reason); next try in \(Int(delay)) s")
        return state
    }

    /// Shutting down mid-poll: give the source back unchanged, so the next start polls it at once.
    private func release(_ registered: RegisteredSource) async -> Bool {
        await save(registered.state, of: registered)
        return true
    }
}
