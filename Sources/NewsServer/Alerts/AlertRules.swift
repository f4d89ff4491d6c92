import Foundation
import NewsAlerts
import NewsModel
import NewsStore

/// Every key's rules, live: one `RuleIndex` over all of them, and what each index id stands for (its key, rule,
/// webhooks, mute and snooze). The pipeline asks it which rules an article matches; the API changes it as keys
/// change their rules and watchlists. Matching works on a snapshot, so it never waits for a change.
public final class AlertRules: @unchecked Sendable {
    private struct Snapshot {
        var index = RuleIndex()
        /// By index id.
        var rules: [AlertRule?] = []
    }

    private let lock = NSLock()
    private var current = Snapshot()
    private var indexIDs: [String: RuleIndex.RuleID] = [:]
    private var expressions: [String: RuleExpression] = [:]
    /// Per key: watchlist name → tickers.
    private var watchlists: [String: [String: Set<String>]] = [:]

    /// The keys with a live alert stream (their alerts are filed with their article, not after it).
    private let streamingKeys: @Sendable () -> Set<String>

    /// How long the deliveries of a matched rule stay this server's (`PendingAlert.leasedUntil`).
    private let handOffLease: TimeInterval

    public init(handOffLease: TimeInterval = WebhookSender.handOffLease, streamingKeys: @escaping @Sendable () -> Set<String> = { [] }) {
        self.handOffLease = handOffLease
        self.streamingKeys = streamingKeys
    }

    /// Loads every key's watchlists and rules (at start). Returns the rules that no longer parse (each was checked
    /// when saved; the language may have changed since): they are skipped, for the caller to report.
    public func load(from store: any AlertStore) async throws -> [(AlertRule, any Error)] {
        for w in try await store.watchlists(keyID: nil) { setWatchlist(w) }
        var skipped: [(AlertRule, any Error)] = []
        for r in try await store.rules(keyID: nil) {
            do { try put(r) } catch { skipped.append((r, error)) }
        }
        return skipped
    }

    /// Brings the rules and watchlists in line with the store, after another node changed them: changed and new ones
    /// filed, deleted ones dropped, the rest left as they are. Returns the rules that do not parse.
    public func sync(from store: any AlertStore) async throws -> [(AlertRule, any Error)] {
        let storedWatchlists = try await store.watchlists(keyID: nil)
        let storedRules = try await store.rules(keyID: nil)
        let (heldWatchlists, heldRules) = lock.withLock {
            (watchlists, Dictionary(uniqueKeysWithValues: indexIDs.compactMap { ruleID, id in current.rules[Int(id)].map { (ruleID, $0) } }))
        }
        let stored = Set(storedWatchlists.map { "\($0.keyID)\u{1}\($0.name)" })
        for (key, lists) in heldWatchlists {
            for name in lists.keys where !stored.contains("\(key)\u{1}\(name)") { removeWatchlist(keyID: key, name: name) }
        }
        for w in storedWatchlists where heldWatchlists[w.keyID]?[w.name] != Set(w.tickers) { setWatchlist(w) }
        let storedIDs = Set(storedRules.map(\.id))
        for id in heldRules.keys where !storedIDs.contains(id) { remove(ruleID: id) }
        var skipped: [(AlertRule, any Error)] = []
        for r in storedRules where heldRules[r.id] != r {
            do { try put(r) } catch { skipped.append((r, error)) }
        }
        return skipped
    }

    /// How many rules, and how many of them have nothing to index.
    public var counts: (rules: Int, fallback: Int) {
        lock.withLock { (current.index.count, current.index.fallbackCount) }
    }

    /// Whether the rule is filed under a key (false: it is checked on every article).
    public func isIndexed(ruleID: String) -> Bool {
        lock.withLock { indexIDs[ruleID].map { current.index.isIndexed($0) } ?? false }
    }

    /// A rule as parsed when it was filed (nil for a rule not held).
    public func expression(ruleID: String) -> RuleExpression? {
        lock.withLock { expressions[ruleID] }
    }

    /// The ids of the key's rules that use the watchlist `name`.
    public func rules(keyID: String, naming name: String) -> [String] {
        lock.withLock {
            indexIDs.compactMap { ruleID, id in
                current.rules[Int(id)]?.keyID == keyID && expressions[ruleID]?.watchlistNames.contains(name) == true ? ruleID : nil
            }.sorted()
        }
    }

    /// The key's watchlists: name → tickers.
    public func watchlists(keyID: String) -> [String: Set<String>] {
        lock.withLock { watchlists[keyID] ?? [:] }
    }

    /// Whether the key has a watchlist by this name.
    public func hasWatchlist(keyID: String, name: String) -> Bool {
        lock.withLock { watchlists[keyID]?[name] != nil }
    }

    /// Adds or replaces a rule. Throws the parse error of a bad query.
    public func put(_ rule: AlertRule) throws {
        put(rule, parsed: try RuleParser.parse(rule.query))
    }

    /// Adds or replaces a rule whose query the caller has parsed already.
    public func put(_ rule: AlertRule, parsed expression: RuleExpression) {
        lock.withLock {
            if let old = indexIDs.removeValue(forKey: rule.id) { removeFromIndex(old) }
            expressions[rule.id] = expression
            index(rule, expression)
        }
    }

    public func remove(ruleID: String) {
        lock.withLock {
            expressions[ruleID] = nil
            if let old = indexIDs.removeValue(forKey: ruleID) { removeFromIndex(old) }
        }
    }

    /// Adds or replaces a watchlist; the key's rules that name it are filed again.
    public func setWatchlist(_ w: Watchlist) {
        lock.withLock {
            watchlists[w.keyID, default: [:]][w.name] = Set(w.tickers)
            refile(keyID: w.keyID)
        }
    }

    public func removeWatchlist(keyID: String, name: String) {
        lock.withLock {
            watchlists[keyID]?[name] = nil
            refile(keyID: keyID)
        }
    }

    /// The alerts an article raises at `time`: each matching rule that is neither muted nor snoozed (marked
    /// `immediate` when its key has a live alert stream).
    public func pending(for article: StoredArticle.Incoming, at time: Date) -> [PendingAlert] {
        let snapshot = lock.withLock { current }
        guard snapshot.index.count > 0 else { return [] }
        let live = streamingKeys()
        return snapshot.index.matches(ArticleFeatures(article)).compactMap { id in
            guard let rule = snapshot.rules[Int(id)], rule.isActive(at: time) else { return nil }
            return PendingAlert(
                keyID: rule.keyID, ruleID: rule.id, ruleName: rule.name, webhooks: rule.webhooks,
                leasedUntil: rule.webhooks.isEmpty ? nil : time.addingTimeInterval(handOffLease), immediate: live.contains(rule.keyID))
        }
    }

    // MARK: Under the lock

    private func index(_ rule: AlertRule, _ expression: RuleExpression) {
        let id = current.index.add(expression, watchlists: watchlists[rule.keyID] ?? [:])
        if Int(id) >= current.rules.count { current.rules += Array(repeating: nil, count: Int(id) + 1 - current.rules.count) }
        current.rules[Int(id)] = rule
        indexIDs[rule.id] = id
    }

    private func removeFromIndex(_ id: RuleIndex.RuleID) {
        current.index.remove(id)
        current.rules[Int(id)] = nil
    }

    /// Files a key's watchlist rules again (their tickers are read when filed).
    private func refile(keyID: String) {
        let affected = indexIDs.compactMap { ruleID, id -> (AlertRule, RuleExpression)? in
            guard let rule = current.rules[Int(id)], rule.keyID == keyID, let e = expressions[ruleID], !e.watchlistNames.isEmpty else { return nil }
            return (rule, e)
        }
        for (rule, e) in affected {
            if let old = indexIDs.removeValue(forKey: rule.id) { removeFromIndex(old) }
            index(rule, e)
        }
    }
}
