/// One article as the compiled rules read it: its tickers, events, words and two-word runs as vocabulary numbers,
/// and the keys it brings to the posting lists. Strings no rule names become -1.
struct ArticleView {
    let features: ArticleFeatures
    /// Tickers any rule names, with their relevance.
    var tickers: [(id: Int32, relevance: Int)] = []
    /// Every ticker's relevance (a rule's `relevance>=75` without a ticker asks about any of them).
    var relevances: [Int]
    var events: [Int32]
    var exchanges: [Int32]
    var channels: [Int32]
    var source: Int32
    var titleWords: [Int32]
    var bodyWords: [Int32]
    var titleSet: Set<Int32>
    var bodySet: Set<Int32>
    var keys: [RuleKey] = []

    init(_ a: ArticleFeatures, _ vocabulary: RuleVocabulary) {
        features = a
        relevances = Array(a.relevance.values)
        for (symbol, r) in a.relevance {
            let id = vocabulary.id(symbol)
            if id >= 0 { tickers.append((id, r)) }
        }
        events = a.events.map { vocabulary.id($0) }.filter { $0 >= 0 }
        exchanges = a.exchanges.map { vocabulary.id($0) }
        channels = a.channels.map { vocabulary.id($0) }
        source = vocabulary.id(a.source)
        titleWords = a.titleWords.map { vocabulary.id($0) }
        bodyWords = a.bodyWords.map { vocabulary.id($0) }
        titleSet = Set(titleWords.filter { $0 >= 0 })
        bodySet = Set(bodyWords.filter { $0 >= 0 })

        for t in tickers {
            keys.append(RuleKey(.ticker, t.id))
            for e in events { keys.append(RuleKey(.tickerEvent, t.id, e)) }
        }
        for e in events { keys.append(RuleKey(.event, e)) }
        for w in titleSet.union(bodySet) { keys.append(RuleKey(.word, w)) }
        for w in titleSet { keys.append(RuleKey(.titleWord, w)) }
        let titlePairs = Self.pairs(titleWords)
        for p in titlePairs { keys.append(RuleKey(.titleBigram, p.a, p.b)) }
        for p in titlePairs.union(Self.pairs(bodyWords)) { keys.append(RuleKey(.bigram, p.a, p.b)) }
    }

    private struct Pair: Hashable {
        var a: Int32
        var b: Int32
    }

    /// Each distinct run of two named words.
    private static func pairs(_ words: [Int32]) -> Set<Pair> {
        var out = Set<Pair>()
        for k in words.indices.dropFirst() where words[k - 1] >= 0 && words[k] >= 0 { out.insert(Pair(a: words[k - 1], b: words[k])) }
        return out
    }

    func relevance(of ticker: Int32) -> Int? {
        tickers.first { $0.id == ticker }?.relevance
    }
}
