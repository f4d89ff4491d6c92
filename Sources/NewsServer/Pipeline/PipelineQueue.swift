import Foundation
import NewsModel

/// The bounded queue in front of the pipeline. Submitters wait while it holds `capacity` articles (backpressure,
/// first come first served); the pipeline takes whole submissions, up to a batch of articles at a time.
final class PipelineQueue: @unchecked Sendable {
    struct Job {
        var articles: [Article]
        var source: String
        var received: Date
        var reply: CheckedContinuation<[PipelineOutcome], any Error>
    }

    private typealias Admission = CheckedContinuation<Void, any Error>

    /// Continuations to resume once the lock is released.
    private struct Wakeups {
        var admitted: [Admission] = []
        var taker: (CheckedContinuation<[Job]?, Never>, [Job]?)?

        func resume() {
            for a in admitted { a.resume() }
            if let (c, jobs) = taker { c.resume(returning: jobs) }
        }
    }

    let capacity: Int
    private let lock = NSLock()
    private var jobs: [Job] = []
    /// Articles admitted and not yet taken.
    private var queued = 0
    private var spaceWaiters: [(count: Int, continuation: Admission)] = []
    private var taker: (maxArticles: Int, continuation: CheckedContinuation<[Job]?, Never>)?
    private var closed = false

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Articles admitted and not yet taken in (the queue-depth gauge).
    var depth: Int { lock.withLock { queued } }

    /// Queues a submission and waits for its outcomes. Throws `PipelineError.closed` once the queue is closed.
    func submit(_ articles: [Article], source: String, received: Date) async throws -> [PipelineOutcome] {
        try await admit(articles.count)
        return try await withCheckedThrowingContinuation { reply in
            let wakeups = lock.withLock {
                jobs.append(Job(articles: articles, source: source, received: received, reply: reply))
                var w = Wakeups()
                if let t = taker {
                    taker = nil
                    w.taker = (t.continuation, takeLocked(maxArticles: t.maxArticles, wakeups: &w))
                }
                return w
            }
            wakeups.resume()
        }
    }

    /// Waits until a submission is queued, then takes submissions totalling at most `maxArticles` (always at least
    /// one). Nil once the queue is closed and empty. One taker at a time.
    func take(maxArticles: Int) async -> [Job]? {
        await withCheckedContinuation { c in
            let wakeups: Wakeups? = lock.withLock {
                guard jobs.isEmpty && !closed else {
                    var w = Wakeups()
                    w.taker = (c, jobs.isEmpty ? nil : takeLocked(maxArticles: maxArticles, wakeups: &w))
                    return w
                }
                taker = (maxArticles, c)
                return nil
            }
            wakeups?.resume()
        }
    }

    /// Takes no more submissions; those already queued are still taken.
    func close() {
        let (refused, waiting) = lock.withLock {
            closed = true
            defer {
                spaceWaiters = []
                taker = nil
            }
            return (spaceWaiters.map(\.continuation), taker?.continuation)
        }
        for c in refused { c.resume(throwing: PipelineError.closed) }
        waiting?.resume(returning: nil)
    }

    private func admit(_ count: Int) async throws {
        try await withCheckedThrowingContinuation { (c: Admission) in
            let admitted: Result<Void, any Error>? = lock.withLock {
                if closed { return .failure(PipelineError.closed) }
                if spaceWaiters.isEmpty && fits(count) {
                    queued += count
                    return .success(())
                }
                spaceWaiters.append((count, c))
                return nil
            }
            if let admitted { c.resume(with: admitted) }
        }
    }

    /// A submission larger than the whole queue is let in when the queue is empty, so it cannot wait forever.
    private func fits(_ count: Int) -> Bool { queued + count <= capacity || queued == 0 }

    private func takeLocked(maxArticles: Int, wakeups: inout Wakeups) -> [Job] {
        var n = 0
        var taken = 0
        while n < jobs.count && (n == 0 || taken + jobs[n].articles.count <= maxArticles) {
            taken += jobs[n].articles.count
            n += 1
        }
        let out = Array(jobs.prefix(n))
        jobs.removeFirst(n)
        queued -= taken
        while let w = spaceWaiters.first, fits(w.count) {
            queued += w.count
            wakeups.admitted.append(w.continuation)
            spaceWaiters.removeFirst()
        }
        return out
    }
}
