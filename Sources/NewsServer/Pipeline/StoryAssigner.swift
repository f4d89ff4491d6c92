import Foundation
import NewsAnalysis
import NewsModel
import NewsStore

/// The stories of the articles so far, for one run or one running pipeline. Callers assign in arrival order, one
/// at a time (batches wait for each other); articles placed elsewhere (another node, or this one before a restart)
/// come in through `takeIn`, from another task, so a lock guards the index.
public final class StoryAssigner: @unchecked Sendable {
    private let lock = NSLock()
    private var index = StoryIndex()
    /// Marks the prints of the articles this assigner placed, so that reading them back it skips them.
    private let origin = UInt64.random(in: 1...UInt64.max)
    /// Articles without a published time take the time of the article before them.
    private var lastTime = 0.0

    public init() {}

    public func assign(_ a: inout AnalyzedArticle) {
        lock.withLock {
            if let p = a.article.published { lastTime = p.timeIntervalSince1970 }
            index.assign(&a, at: lastTime)
            a.storyPrint?.origin = origin
        }
    }

    /// Takes in the story places stored after `seq`, a page at a time (those this assigner placed are skipped).
    /// Returns how many it read, and the sequence number it read through (`seq` when there were none).
    public func takeIn(from store: any NewsStore, after seq: Int64) async throws -> (read: Int, through: Int64) {
        var after = seq
        var read = 0
        while true {
            let page = try await store.placedStories(after: after, limit: 5_000)
            observe(page)
            read += page.count
            guard let last = page.last else { return (read, after) }
            after = last.seq
            if page.count < 5_000 { return (read, after) }
        }
    }

    /// Takes in the articles stored lately (the newest `recent`), as a node starts: its index went with the last
    /// process. Returns how many it read, and the sequence number it read through (where following goes on).
    @discardableResult
    public func warm(from store: any NewsStore, recent: Int = 50_000) async throws -> (read: Int, through: Int64) {
        let newest = try await store.newestSeq()
        let taken = try await takeIn(from: store, after: max(0, newest - Int64(recent)))
        return (taken.read, max(taken.through, newest))
    }

    /// Takes in articles another index placed (not those this one did), in the order they were stored.
    private func observe(_ placed: [PlacedStory]) {
        lock.withLock {
            for p in placed where p.print.origin != origin {
                index.observe(p.print, story: p.story)
                lastTime = p.print.time
            }
        }
    }
}
