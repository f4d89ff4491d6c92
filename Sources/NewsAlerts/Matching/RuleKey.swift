/// A posting-list key: a predicate an article either has or not, looked up in a hash table.
enum RuleKey: Hashable, Sendable {
    case ticker(String)
    case event(String)
    case word(String)

    /// How selective a key usually is (higher is rarer): a ticker beats an event type, which beats a word.
    var selectivity: Int {
        switch self {
        case .ticker: 3
        case .event: 1
        case .word(let w): w.count >= 7 ? 2 : 1
        }
    }
}
