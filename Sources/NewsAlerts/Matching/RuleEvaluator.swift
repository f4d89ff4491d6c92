/// Whether an article satisfies a rule expression (the full check, run on candidates only).
///
/// `relevance` is the relevance of the tickers the rule names beside it (`ticker:BABA relevance>=75` asks about
/// BABA), or of any ticker when the rule names none.
enum RuleEvaluator {
    static func holds(_ e: RuleExpression, _ a: ArticleFeatures, watchlists: [String: Set<String>], tickers: [String]? = nil) -> Bool {
        switch e {
        case .all(let parts):
            let named = namedTickers(parts)
            let context = named.isEmpty ? tickers : named
            return parts.allSatisfy { holds($0, a, watchlists: watchlists, tickers: context) }
        case .any(let parts): return parts.contains { holds($0, a, watchlists: watchlists, tickers: tickers) }
        case .not(let inner): return !holds(inner, a, watchlists: watchlists, tickers: tickers)
        case .watchlist(_, let name): return !(watchlists[name] ?? []).isDisjoint(with: a.relevance.keys)
        case .compare(let field, let op, let threshold):
            switch field {
            case .relevance:
                if let tickers { return tickers.contains { a.relevance[$0].map { op.holds(Double($0), threshold) } ?? false } }
                return a.relevance.values.contains { op.holds(Double($0), threshold) }
            case .sentiment: return op.holds(a.sentiment, threshold)
            case .novelty: return op.holds(Double(a.novelty), threshold)
            default: return false
            }
        case .match(let field, let value):
            switch field {
            case .ticker: return a.relevance[text(value)] != nil
            case .event: return a.events.contains(text(value))
            case .exchange: return a.exchanges.contains(text(value))
            case .source: return matches(value, single: a.source)
            case .channel: return a.channels.contains { matches(value, single: $0) }
            case .title: return matches(value, a.titleWords, a.titleSet)
            case .body: return matches(value, a.bodyWords, a.bodySet)
            default: return false
            }
        case .text(let value):
            return matches(value, a.titleWords, a.titleSet) || matches(value, a.bodyWords, a.bodySet)
        }
    }

    /// The tickers a conjunction names directly: what a `relevance` test beside them asks about.
    static func namedTickers(_ parts: [RuleExpression]) -> [String] {
        parts.compactMap { p -> String? in
            if case .match(.ticker, let v) = p { return text(v) }
            return nil
        }
    }

    static func text(_ v: RuleValue) -> String {
        switch v {
        case .word(let w), .prefix(let w), .phrase(let w): w
        }
    }

    static func matches(_ v: RuleValue, single: String) -> Bool {
        switch v {
        case .word(let w): single == w
        case .prefix(let p): single.hasPrefix(p)
        case .phrase(let p): single == p
        }
    }

    static func matches(_ v: RuleValue, _ words: [String], _ set: Set<String>) -> Bool {
        switch v {
        case .word(let w): return set.contains(w)
        case .prefix(let p): return set.contains { $0.hasPrefix(p) }
        case .phrase(let p):
            // `p` is already words joined by single spaces (the parser reads phrases that way).
            let parts = p.split(separator: " ")
            guard let first = parts.first, set.contains(String(first)), parts.count <= words.count else { return false }
            for start in 0...(words.count - parts.count) where words[start] == first {
                if zip(words[start..<(start + parts.count)], parts).allSatisfy({ $0 == $1 }) { return true }
            }
            return false
        }
    }
}

extension RuleExpression {
    /// Whether an article satisfies this rule, checked in full (the definition the index is tested against, and the
    /// naive loop it is measured against).
    public func matches(_ article: ArticleFeatures, watchlists: [String: Set<String>] = [:]) -> Bool {
        RuleEvaluator.holds(self, article, watchlists: watchlists)
    }

    /// The rule with each `ticker:@name` replaced by the tickers of that watchlist (none when it has no such list).
    public func resolvingWatchlists(_ watchlists: [String: Set<String>]) -> RuleExpression {
        switch self {
        case .all(let parts): .all(parts.map { $0.resolvingWatchlists(watchlists) })
        case .any(let parts): .any(parts.map { $0.resolvingWatchlists(watchlists) })
        case .not(let inner): .not(inner.resolvingWatchlists(watchlists))
        case .watchlist(_, let name): .any((watchlists[name] ?? []).sorted().map { .match(.ticker, .word($0)) })
        default: self
        }
    }
}
