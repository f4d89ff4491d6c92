/// How a rule is filed in the index: under which keys, and what is left to check once an article has one of them.
///
/// A rule goes under the rarest predicate it cannot match without: a ticker with an event type, a two-word phrase, a
/// ticker, a word, an event type (`RuleKey.cost`). A rule whose top level is an OR goes under a key of each branch.
/// Whatever the key already guarantees is dropped from the check; a lone threshold left over goes in a sorted list.
struct RulePlan {
    enum Residual {
        /// The key says it all (`ticker:AAPL`, `ticker:BABA event:sanction`, `"share buyback"`).
        case none
        /// One numeric bound beside the key (`ticker:AAPL relevance>=75`).
        case threshold(ThresholdLists.Field, RuleComparison, Double)
        /// The conjunction of these parts, with `context` the tickers a relevance test asks about.
        case check(parts: [RuleExpression], context: [String]?)
    }

    /// Empty for a rule with nothing to file under (it goes in the fallback list).
    var keys: [RuleKey]
    var residual: Residual

    init(_ rule: RuleExpression, _ vocabulary: inout RuleVocabulary) {
        guard case .all(let parts) = rule else {
            if let f = Self.filing(rule, &vocabulary) {
                (keys, residual) = (f.keys, f.exact ? .none : .check(parts: [rule], context: nil))
            } else {
                (keys, residual) = ([], .check(parts: [rule], context: nil))
            }
            return
        }
        var best: (filing: Filing, consumed: Set<Int>)?
        func consider(_ f: Filing, _ consumed: Set<Int>) {
            if best == nil || f.cost < best!.filing.cost { best = (f, consumed) }
        }
        for (i, p) in parts.enumerated() {
            if let f = Self.filing(p, &vocabulary) { consider(f, f.exact ? [i] : []) }
        }
        if let t = parts.firstIndex(where: { if case .match(.ticker, _) = $0 { true } else { false } }),
            let e = parts.firstIndex(where: { if case .match(.event, _) = $0 { true } else { false } }),
            case .match(_, let ticker) = parts[t], case .match(_, let event) = parts[e]
        {
            let key = RuleKey(.tickerEvent, vocabulary.intern(RuleEvaluator.text(ticker)), vocabulary.intern(RuleEvaluator.text(event)))
            consider(Filing(keys: [key], exact: true, cost: key.cost(longWord: false)), [t, e])
        }
        let named = RuleEvaluator.namedTickers(parts)
        guard let best else {
            (keys, residual) = ([], .check(parts: parts, context: named.isEmpty ? nil : named))
            return
        }
        keys = best.filing.keys
        let kept = parts.indices.filter { !best.consumed.contains($0) }.map { parts[$0] }
        if kept.isEmpty {
            residual = .none
        } else if kept.count == 1, keys.count == 1, case .compare(let f, let op, let threshold) = kept[0], op != .equal,
            let field = ThresholdLists.Field(f), Self.boundFits(field, keys[0], named, &vocabulary)
        {
            residual = .threshold(field, op, threshold)
        } else {
            residual = .check(parts: kept, context: named.isEmpty ? nil : named)
        }
    }

    /// A relevance bound in a list is read off the key's ticker, or off any ticker for a key without one: right only
    /// when the rule names just that ticker, or none.
    private static func boundFits(_ field: ThresholdLists.Field, _ key: RuleKey, _ named: [String], _ vocabulary: inout RuleVocabulary) -> Bool {
        guard field == .relevance else { return true }
        guard let t = key.ticker else { return named.isEmpty }
        return named.count == 1 && vocabulary.intern(named[0]) == t
    }

    struct Filing {
        var keys: [RuleKey]
        /// Having a key means the expression holds.
        var exact: Bool
        var cost: Int
    }

    /// The keys an expression cannot hold without (one of), or nil when it can hold without any.
    static func filing(_ e: RuleExpression, _ vocabulary: inout RuleVocabulary) -> Filing? {
        func one(_ kind: RuleKey.Kind, _ s: String, exact: Bool) -> Filing {
            let key = RuleKey(kind, vocabulary.intern(s))
            return Filing(keys: [key], exact: exact, cost: key.cost(longWord: s.count >= 7))
        }
        func phrase(_ p: String, title: Bool, exact: Bool) -> Filing? {
            let words = p.split(separator: " ").map(String.init)
            if words.count == 1 { return one(title ? .titleWord : .word, words[0], exact: exact) }
            // The pair of longest words is usually the rarest.
            guard let k = words.indices.dropFirst().max(by: { words[$0 - 1].count + words[$0].count < words[$1 - 1].count + words[$1].count })
            else { return nil }
            let key = RuleKey(title ? .titleBigram : .bigram, vocabulary.intern(words[k - 1]), vocabulary.intern(words[k]))
            return Filing(keys: [key], exact: exact && words.count == 2, cost: key.cost(longWord: true))
        }
        switch e {
        case .match(.ticker, let v): return one(.ticker, RuleEvaluator.text(v), exact: true)
        case .match(.event, let v): return one(.event, RuleEvaluator.text(v), exact: true)
        case .match(.title, .word(let w)): return one(.titleWord, w, exact: true)
        case .match(.title, .phrase(let p)): return phrase(p, title: true, exact: true)
        case .match(.body, .word(let w)): return one(.word, w, exact: false)
        case .match(.body, .phrase(let p)): return phrase(p, title: false, exact: false)
        case .text(.word(let w)): return one(.word, w, exact: true)
        case .text(.phrase(let p)): return phrase(p, title: false, exact: true)
        case .any(let parts):
            guard !parts.isEmpty else { return nil }
            var out = Filing(keys: [], exact: true, cost: 0)
            for p in parts {
                guard let f = filing(p, &vocabulary) else { return nil }
                out.keys += f.keys
                out.exact = out.exact && f.exact
                out.cost += f.cost
            }
            out.keys = Array(Set(out.keys))
            return out
        case .all(let parts):
            // Nested: the cheapest required part, checked in full.
            guard var f = parts.compactMap({ filing($0, &vocabulary) }).min(by: { $0.cost < $1.cost }) else { return nil }
            f.exact = f.exact && parts.count == 1
            return f
        default:
            return nil
        }
    }
}
