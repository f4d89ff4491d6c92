/// Every string the rules name (tickers, event types, words, sources, channels), numbered once, so that matching
/// compares integers rather than hashing strings.
struct RuleVocabulary: Sendable {
    private var ids: [String: Int32] = [:]

    /// The string's number, given a new one if no rule named it before.
    mutating func intern(_ s: String) -> Int32 {
        if let id = ids[s] { return id }
        let id = Int32(ids.count)
        ids[s] = id
        return id
    }

    /// The string's number, or -1 when no rule names it (so nothing can match it).
    func id(_ s: String) -> Int32 { ids[s] ?? -1 }
}
