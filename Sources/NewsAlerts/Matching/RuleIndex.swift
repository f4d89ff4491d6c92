/// A million rules, matched against one article in well under a millisecond.
///
/// Each rule is filed under the most selective predicate it cannot match without — a ticker, an event type, or a
/// word (a phrase's rarest-looking word) — in a posting list. A rule whose top level is an OR is filed under one key
/// of each branch. An article looks up its own tickers, events and words, and only those candidates get the full
/// check (numeric thresholds, phrases, negations). Rules with nothing to file under (only `sentiment<0`, or only a
/// negation) go in a fallback list that every article checks; `fallbackCount` shows how many. Adding and removing a
/// rule touches only its own postings.
public struct RuleIndex: Sendable {
    public typealias RuleID = Int32

    private var expressions: [RuleExpression?] = []
    private var keysOfRule: [[RuleKey]] = []
    private var postings: [RuleKey: [RuleID]] = [:]
    /// Rules that are nothing but their key (`ticker:AAPL`, `event:earnings`): a hit needs no further check.
    private var exact: [RuleKey: [RuleID]] = [:]
    /// Rules that are their key and one threshold (`ticker:AAPL relevance>=75`, `event:layoffs sentiment<-0.3`),
    /// sorted by threshold: the matching ones are a run from the start, taken without evaluating any.
    private var thresholds: [RuleKey: ThresholdLists] = [:]
    private var fallback: Set<RuleID> = []
    private var freeSlots: [RuleID] = []
    public private(set) var count = 0
    /// Named ticker lists (`ticker:@core`), shared by the rules that name them.
    public var watchlists: [String: Set<String>] = [:]

    public init() {}

    public var fallbackCount: Int { fallback.count }

    /// Adds a rule; returns its id.
    @discardableResult
    public mutating func add(_ rule: RuleExpression) -> RuleID {
        // Phrases are split into words here, once, not on every check of every article.
        let expression = rule.phrasesAsWords
        let id: RuleID
        if let free = freeSlots.popLast() {
            id = free
            expressions[Int(id)] = expression
        } else {
            id = RuleID(expressions.count)
            expressions.append(expression)
            keysOfRule.append([])
        }
        let keys = Self.indexKeys(expression, watchlists: watchlists)
        keysOfRule[Int(id)] = keys ?? []
        if let keys, keys.count == 1, Self.isExactly(expression, keys[0]) {
            exact[keys[0], default: []].append(id)
        } else if let keys, keys.count == 1, let bound = ThresholdLists.Bound(expression, key: keys[0], id: id) {
            thresholds[keys[0], default: ThresholdLists()].insert(bound)
        } else if let keys {
            for key in keys { postings[key, default: []].append(id) }
        } else {
            fallback.insert(id)
        }
        count += 1
        return id
    }

    public mutating func remove(_ id: RuleID) {
        guard Int(id) < expressions.count, expressions[Int(id)] != nil else { return }
        for key in keysOfRule[Int(id)] {
            postings[key]?.removeAll { $0 == id }
            if postings[key]?.isEmpty == true { postings[key] = nil }
            exact[key]?.removeAll { $0 == id }
            if exact[key]?.isEmpty == true { exact[key] = nil }
            thresholds[key]?.remove(id)
        }
        fallback.remove(id)
        expressions[Int(id)] = nil
        keysOfRule[Int(id)] = []
        freeSlots.append(id)
        count -= 1
    }

    /// The rules this article satisfies, in id order.
    public func matches(_ article: ArticleFeatures) -> [RuleID] {
        var hits: [RuleID] = []
        // Each rule is checked once even when several of the article's keys list it (one bit a rule).
        var seen = [UInt64](repeating: 0, count: (expressions.count + 63) / 64)
        func check(_ id: RuleID) {
            let (word, bit) = (Int(id) >> 6, UInt64(1) << UInt64(id & 63))
            guard seen[word] & bit == 0 else { return }
            seen[word] |= bit
            if let e = expressions[Int(id)], RuleEvaluator.holds(e, article, watchlists: watchlists) { hits.append(id) }
        }
        for key in article.keys {
            if let list = exact[key] { hits += list }
            if let lists = thresholds[key] { lists.collect(for: key, article, into: &hits) }
            if let list = postings[key] { for id in list { check(id) } }
        }
        for id in fallback { check(id) }
        return hits.sorted()
    }

    /// Whether a rule says nothing beyond its one key.
    static func isExactly(_ e: RuleExpression, _ key: RuleKey) -> Bool {
        switch (e, key) {
        case (.match(.ticker, let v), .ticker(let t)): RuleEvaluator.text(v) == t
        case (.match(.event, let v), .event(let t)): RuleEvaluator.text(v) == t
        case (.text(.word(let w)), .word(let k)): w == k
        default: false
        }
    }

    /// The naive reference: every rule checked in full (for benchmarks and tests).
    public func matchesByScanning(_ article: ArticleFeatures) -> [RuleID] {
        expressions.indices.compactMap { i in
            guard let e = expressions[i], RuleEvaluator.holds(e, article, watchlists: watchlists) else { return nil }
            return RuleID(i)
        }
    }

    /// The keys a rule is filed under: one required key (the most selective), one per branch of an OR, or nil
    /// when the rule can match without any key.
    static func indexKeys(_ e: RuleExpression, watchlists: [String: Set<String>]) -> [RuleKey]? {
        switch e {
        case .match(.ticker, let v): return [.ticker(RuleEvaluator.text(v))]
        case .match(.event, let v): return [.event(RuleEvaluator.text(v))]
        case .match(.title, let v), .match(.body, let v), .text(let v):
            switch v {
            case .word(let w): return [.word(w)]
            case .prefix: return nil
            case .phrase(let p):
                // The longest word of a phrase is usually its rarest.
                return ArticleFeatures.words(p).max { $0.count < $1.count }.map { [.word($0)] }
            }
        case .watchlist(_, let name):
            guard let tickers = watchlists[name], !tickers.isEmpty else { return nil }
            return tickers.sorted().map { .ticker($0) }
        case .all(let parts):
            // Any one required part will do: take the most selective that is indexable.
            let options = parts.compactMap { indexKeys($0, watchlists: watchlists) }
            return options.min { cost($0) < cost($1) }
        case .any(let parts):
            var keys: [RuleKey] = []
            for p in parts {
                guard let k = indexKeys(p, watchlists: watchlists) else { return nil }
                keys += k
            }
            return keys
        case .not, .compare, .match:
            return nil
        }
    }

    /// Fewer and rarer keys are cheaper.
    private static func cost(_ keys: [RuleKey]) -> Int {
        keys.reduce(0) { $0 + 10 - $1.selectivity }
    }
}
