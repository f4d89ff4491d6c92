import Foundation
import Logging
import NewsStore
import ServiceLifecycle

/// On a shared database, what the other nodes commit reaches this node's live streams and rules: articles they add
/// are read from the store after the last one published and published on the hub, alert streams of keys they filed
/// alerts for are woken, and rules they change are synced. `NOTIFY` hints say when to look; a read every
/// `catchUpInterval` seconds finds whatever a lost hint hid.
///
/// Articles go out in sequence order, each once: this node's own are published at commit (`publishLocal`) when every
/// article before them has been, and otherwise read back with the others' by the next catch-up.
public final class ClusterFollower: Service, @unchecked Sendable {
    private let store: any NewsStore & AlertStore & SharedStore
    private let hub: ArticleHub
    private let rules: AlertRules
    private let stories: StoryAssigner
    private let logger: Logger
    private let catchUpInterval: Double
    private let wake = WakeSignal()
    private let lock = NSLock()
    /// Every article up to this sequence number has been published (or was stored before this node started).
    private var cursor: Int64?
    /// Every article up to this one has had its story place taken in (this node's own are skipped by the index).
    private var storyCursor: Int64?
    /// Revisions this node published itself lately (its own updates come back as hints too).
    private var localRevisions: Set<Revision> = []

    private struct Revision: Hashable {
        var seq: Int64
        var revision: Int
    }

    public init(
        store: any NewsStore & AlertStore & SharedStore, hub: ArticleHub, rules: AlertRules, stories: StoryAssigner = StoryAssigner(),
        storiesFrom: Int64? = nil, logger: Logger, catchUpInterval: Double = 1
    ) {
        self.store = store
        self.hub = hub
        self.rules = rules
        self.stories = stories
        // Where the warm-up of `stories` stopped, so nothing stored since is skipped.
        storyCursor = storiesFrom
        self.logger = logger
        self.catchUpInterval = catchUpInterval
    }

    /// Publishes what this node just committed: new articles at once when they follow the last published, or else
    /// with the catch-up they are part of; changed ones at once.
    public func publishLocal(_ items: [ArticleHub.Item]) {
        let inOrder = lock.withLock { () -> Bool in
            if localRevisions.count > 10_000 { localRevisions.removeAll() }
            for item in items where item.action == .updated { localRevisions.insert(Revision(seq: item.seq, revision: item.article.revision)) }
            guard let cursor else { return false }
            let new = items.filter { $0.action == .created }.map(\.seq)
            if let first = new.min() {
                // Sequence numbers burnt by rolled-back batches make false gaps: those cost one read, nothing more.
                guard first == cursor + 1 else { return false }
                self.cursor = max(cursor, new.max()!)
            }
            hub.publish(items)
            return true
        }
        if !inOrder {
            hub.publish(items.filter { $0.action == .updated })
            wake.signal()
        }
    }

    public func run() async throws {
        // Start from the newest article: live streams want what comes next (a client catches up with Last-Event-ID).
        let newest = try await store.newestSeq()
        lock.withLock {
            cursor = newest
            if storyCursor == nil { storyCursor = newest }
        }
        let changes = store.changes()
        let stopping = StopFlag()
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                group.addTask {
                    for await change in changes { await self.handle(change) }
                }
                while !stopping.isSet {
                    await wake.wait(timeout: catchUpInterval)
                    await catchUp()
                }
                group.cancelAll()
            }
        } onGracefulShutdown: {
            stopping.set()
            self.wake.signal()
        }
    }

    private func handle(_ change: StoreChange) async {
        do {
            switch change {
            case .articles(let upTo):
                if upTo > lock.withLock({ cursor ?? .max }) { wake.signal() }
            case .updated(let seq):
                // This node's own updates went out at commit.
                guard let article = try await store.article(seq),
                    lock.withLock({ localRevisions.remove(Revision(seq: seq, revision: article.revision)) == nil })
                else { break }
                hub.publish([ArticleHub.Item(article, action: .updated)])
            case .removed: break
            case .alerts(let keys):
                hub.publishAlerts(keys: keys ?? hub.alertStreamKeys())
            case .rules:
                try await syncRules()
            case .reconnected:
                wake.signal()
                try await syncRules()
                hub.publishAlerts(keys: hub.alertStreamKeys())
            }
        } catch {
            logger.warning("following another node's change failed; the next catch-up retries", metadata: ["error": "\(error)"])
        }
    }

    private func syncRules() async throws {
        for (rule, error) in try await rules.sync(from: store) {
            logger.warning("a stored rule does not parse and is skipped", metadata: ["rule": "\(rule.id)", "error": "\(error)"])
        }
    }

    /// Reads the articles after the cursor, a page at a time, and publishes them in order; and takes in the story
    /// places of those other nodes stored.
    private func catchUp() async {
        await followStories()
        do {
            if try await skipUnheard() { return }
            while let after = lock.withLock({ cursor }) {
                let page = try await store.search(NewsQuery(after: after, limit: 500)).articles
                guard let last = page.last else { return }
                lock.withLock {
                    // Only what is still after the cursor: this node may have published some meanwhile.
                    let fresh = page.filter { $0.seq > (cursor ?? 0) }
                    hub.publish(fresh.map { ArticleHub.Item($0, action: .created) })
                    cursor = max(cursor ?? 0, last.seq)
                }
                if page.count < 500 { return }
            }
        } catch {
            logger.warning("catching up with other nodes' articles failed; trying again shortly", metadata: ["error": "\(error)"])
        }
    }

    /// Takes in the story places stored after the story cursor, so articles here cluster with other nodes' as with
    /// this node's own.
    private func followStories() async {
        guard let after = lock.withLock({ storyCursor }) else { return }
        do {
            let through = try await stories.takeIn(from: store, after: after).through
            lock.withLock { storyCursor = max(storyCursor ?? 0, through) }
        } catch {
            logger.warning("reading other nodes' story places failed; trying again shortly", metadata: ["error": "\(error)"])
        }
    }

    /// With no stream taking articles, moves the cursor to the newest article without reading the others: no one is
    /// there to hear them. The newest is read before the last look, so a stream that subscribes meanwhile still gets
    /// everything committed after it subscribed (and one that resumes reads the store from its Last-Event-ID).
    private func skipUnheard() async throws -> Bool {
        guard !hub.hasArticleSubscribers else { return false }
        let newest = try await store.newestSeq()
        guard !hub.hasArticleSubscribers else { return false }
        lock.withLock { cursor = max(cursor ?? 0, newest) }
        return true
    }
}

/// A flag one task sets and another reads.
private final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
