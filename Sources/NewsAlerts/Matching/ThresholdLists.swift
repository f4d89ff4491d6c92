/// The rules under one key that add a single threshold (`relevance>=75`, `sentiment<-0.3`, `novelty>=60`), kept
/// sorted so that those an article meets are a run from the start of each list: taken without checking any rule.
struct ThresholdLists: Sendable {
    enum Field: Int, CaseIterable {
        case relevance, sentiment, novelty

        init?(_ f: RuleField) {
            switch f {
            case .relevance: self = .relevance
            case .sentiment: self = .sentiment
            case .novelty: self = .novelty
            default: return nil
            }
        }
    }

    struct Bound: Sendable {
        var threshold: Double
        var strict: Bool
    }

    /// A list of bounds of one direction and their rules, in the order in which an article meets them: lower bounds
    /// (`>=`, `>`) by rising threshold, upper bounds (`<=`, `<`) by falling threshold, and at one threshold the
    /// inclusive before the strict. What an article meets is then always a prefix, found by binary search and copied
    /// whole.
    private struct SortedBounds {
        var bounds: [Bound] = []
        var ids: [RuleIndex.RuleID] = []
        let rising: Bool

        /// Whether a bound comes after `b` in the list (is met by fewer values).
        func isAfter(_ a: Bound, _ b: Bound) -> Bool {
            if a.threshold != b.threshold { return rising ? a.threshold > b.threshold : a.threshold < b.threshold }
            return a.strict && !b.strict
        }

        func isMet(_ b: Bound, by v: Double) -> Bool {
            rising ? (b.strict ? v > b.threshold : v >= b.threshold) : (b.strict ? v < b.threshold : v <= b.threshold)
        }

        mutating func insert(_ b: Bound, _ id: RuleIndex.RuleID) {
            let at = bounds.partitionPoint { isAfter($0, b) }
            bounds.insert(b, at: at)
            ids.insert(id, at: at)
        }

        mutating func remove(_ id: RuleIndex.RuleID) {
            guard let at = ids.firstIndex(of: id) else { return }
            bounds.remove(at: at)
            ids.remove(at: at)
        }

        func met(by v: Double) -> ArraySlice<RuleIndex.RuleID> {
            ids[..<bounds.partitionPoint { !isMet($0, by: v) }]
        }
    }

    private var lower = Array(repeating: SortedBounds(rising: true), count: Field.allCases.count)
    private var upper = Array(repeating: SortedBounds(rising: false), count: Field.allCases.count)

    var isEmpty: Bool { lower.allSatisfy(\.ids.isEmpty) && upper.allSatisfy(\.ids.isEmpty) }

    /// Files `field op threshold` (not `=`, which stays with the checked rules).
    mutating func insert(_ field: Field, _ op: RuleComparison, _ threshold: Double, id: RuleIndex.RuleID) {
        let bound = Bound(threshold: threshold, strict: op == .greater || op == .less)
        if op == .greater || op == .greaterOrEqual { lower[field.rawValue].insert(bound, id) } else { upper[field.rawValue].insert(bound, id) }
    }

    mutating func remove(_ id: RuleIndex.RuleID) {
        for f in lower.indices { lower[f].remove(id) }
        for f in upper.indices { upper[f].remove(id) }
    }

    /// Appends the rules whose bound the article meets, for a key the article has.
    func collect(for key: RuleKey, _ a: ArticleView, into hits: inout [RuleIndex.RuleID]) {
        for field in Field.allCases {
            if !lower[field.rawValue].ids.isEmpty, let v = Self.value(field, key, a, lowest: false) { hits += lower[field.rawValue].met(by: v) }
            if !upper[field.rawValue].ids.isEmpty, let v = Self.value(field, key, a, lowest: true) { hits += upper[field.rawValue].met(by: v) }
        }
    }

    /// The value a bound is compared with: the key's ticker's relevance, or (for a key without a ticker) the relevance
    /// of any ticker — the highest meets a lower bound if any does, the lowest an upper bound; sentiment; novelty.
    private static func value(_ field: Field, _ key: RuleKey, _ a: ArticleView, lowest: Bool) -> Double? {
        switch field {
        case .relevance:
            if let t = key.ticker { return a.relevance(of: t).map(Double.init) }
            return (lowest ? a.relevances.min() : a.relevances.max()).map(Double.init)
        case .sentiment: return a.features.sentiment
        case .novelty: return Double(a.features.novelty)
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
