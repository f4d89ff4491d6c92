/// Why a rule matched an article: the predicates that held, each with the value that made it hold, for people
/// (`tickerwire rules test`, the dashboard's rule tester).
extension RuleExpression {
    /// The reasons, when the rule matches; nil when it does not.
    public func reasons(_ a: ArticleFeatures, watchlists: [String: Set<String>] = [:]) -> [String]? {
        guard matches(a, watchlists: watchlists) else { return nil }
        return Self.why(self, a, watchlists)
    }

    private static func why(_ e: RuleExpression, _ a: ArticleFeatures, _ watchlists: [String: Set<String>]) -> [String] {
        switch e {
        case .all(let parts):
            return parts.flatMap { why($0, a, watchlists) }
        case .any(let parts):
            // The first branch that holds.
            guard let branch = parts.first(where: { RuleEvaluator.holds($0, a, watchlists: watchlists) }) else { return [] }
            return why(branch, a, watchlists)
        case .not:
            return [e.description]
        case .watchlist(_, let name):
            let hit = (watchlists[name] ?? []).intersection(a.relevance.keys).sorted()
            return ["ticker:@\(name) (\(hit.joined(separator: ", ")))"]
        case .match(.ticker, let v):
            let symbol = RuleEvaluator.text(v)
            return ["ticker:\(symbol) (relevance \(a.relevance[symbol] ?? 0))"]
        case .compare(let field, _, _):
            let value: String
            switch field {
            case .relevance: value = a.relevance.map { "\($0.key) \($0.value)" }.sorted().joined(separator: ", ")
            case .sentiment: value = "\((a.sentiment * 100).rounded() / 100)"
            default: value = String(a.novelty)
            }
            return ["\(e.description) (\(value))"]
        default:
            return [e.description]
        }
    }
}
