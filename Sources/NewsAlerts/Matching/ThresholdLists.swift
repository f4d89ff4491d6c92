/// The rules under one key that add a single threshold (`relevance>=75`, `sentiment<-0.3`, `novelty>=60`), kept
/// sorted so that those an article meets are a run from the start of each list.
struct ThresholdLists: Sendable {
    struct Bound: Sendable {
        var field: RuleField
        var comparison: RuleComparison
        var threshold: Double
        var id: RuleIndex.RuleID

        /// `key AND field op threshold`, or nil for any other shape (equality stays with the evaluated rules).
        init?(_ e: RuleExpression, key: RuleKey, id: RuleIndex.RuleID) {
            guard case .all(let parts) = e, parts.count == 2 else { return nil }
            for (k, other) in [(0, 1), (1, 0)] {
                guard RuleIndex.isExactly(parts[k], key), case .compare(let field, let op, let t) = parts[other], op != .equal else { continue }
                // A ticker's own relevance, or the article's sentiment and novelty.
                if field == .relevance {
                    guard case .ticker = key else { return nil }
                }
                self.field = field
                self.comparison = op
                self.threshold = t
                self.id = id
                return
            }
            return nil
        }

        var isLowerBound: Bool { comparison == .greaterOrEqual || comparison == .greater }
    }

    /// Per field: lower bounds (`>=`, `>`) by rising threshold, upper bounds (`<=`, `<`) by falling threshold.
    private var lower: [RuleField: [Bound]] = [:]
    private var upper: [RuleField: [Bound]] = [:]

    mutating func insert(_ b: Bound) {
        if b.isLowerBound {
            var list = lower[b.field, default: []]
            let at = list.partitionPoint { $0.threshold > b.threshold }
            list.insert(b, at: at)
            lower[b.field] = list
        } else {
            var list = upper[b.field, default: []]
            let at = list.partitionPoint { $0.threshold < b.threshold }
            list.insert(b, at: at)
            upper[b.field] = list
        }
    }

    mutating func remove(_ id: RuleIndex.RuleID) {
        for f in lower.keys { lower[f]?.removeAll { $0.id == id } }
        for f in upper.keys { upper[f]?.removeAll { $0.id == id } }
    }

    func collect(for key: RuleKey, _ a: ArticleFeatures, into hits: inout [RuleIndex.RuleID]) {
        for (field, list) in lower {
            guard let v = Self.value(field, key, a) else { continue }
            for b in list {
                // Past the value every later bound fails too; at it, `>` fails where `>=` holds, so go on.
                guard b.comparison.holds(v, b.threshold) else {
                    if b.threshold > v { break } else { continue }
                }
                hits.append(b.id)
            }
        }
        for (field, list) in upper {
            guard let v = Self.value(field, key, a) else { continue }
            for b in list {
                guard b.comparison.holds(v, b.threshold) else {
                    if b.threshold < v { break } else { continue }
                }
                hits.append(b.id)
            }
        }
    }

    static func value(_ field: RuleField, _ key: RuleKey, _ a: ArticleFeatures) -> Double? {
        switch field {
        case .relevance:
            guard case .ticker(let t) = key, let r = a.relevance[t] else { return nil }
            return Double(r)
        case .sentiment: return a.sentiment
        case .novelty: return Double(a.novelty)
        default: return nil
        }
    }
}

extension Array {
    /// The first index where `belongsAfter` holds, for a list partitioned by it.
    fileprivate func partitionPoint(_ belongsAfter: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if belongsAfter(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
