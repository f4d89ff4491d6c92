/// A posting-list key: something an article either has or not — a ticker, an event type, both together, a word, or
/// two words in a row — packed into one integer so that looking it up hashes eight bytes.
struct RuleKey: Hashable, Sendable {
    enum Kind: UInt64 {
        case ticker = 1, event, tickerEvent, word, titleWord, bigram, titleBigram
    }

    let raw: UInt64

    init(_ kind: Kind, _ a: Int32, _ b: Int32 = 0) {
        raw = kind.rawValue << 60 | UInt64(UInt32(a)) << 30 | UInt64(UInt32(b))
    }

    var kind: Kind { Kind(rawValue: raw >> 60)! }

    /// The ticker of a `ticker` or `tickerEvent` key.
    var ticker: Int32? {
        kind == .ticker || kind == .tickerEvent ? Int32(truncatingIfNeeded: (raw >> 30) & 0x3FFF_FFFF) : nil
    }

    /// What filing a rule under this key costs, in candidates an article brings (lower is rarer): a ticker with an
    /// event type, or a two-word phrase, is rarer than a ticker, which is rarer than a word or an event type.
    func cost(longWord: Bool) -> Int {
        switch kind {
        case .tickerEvent, .titleBigram: 1
        case .bigram, .titleWord: 2
        case .ticker: 3
        case .word: longWord ? 4 : 6
        case .event: 8
        }
    }
}
