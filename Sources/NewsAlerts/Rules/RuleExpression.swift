/// A parsed rule (CONTRACTS.md §6): what an article must have for the rule to fire.
public indirect enum RuleExpression: Sendable, Hashable, CustomStringConvertible {
    case all([RuleExpression])
    case any([RuleExpression])
    case not(RuleExpression)
    /// `ticker:BABA`, `event:sanction`, `title:"share buyback"`, `source:reuters*`…
    case match(RuleField, RuleValue)
    /// `ticker:@core`: any ticker of the key's watchlist named `core`.
    case watchlist(RuleField, String)
    /// `relevance>=75`, `sentiment<-0.5`, `novelty>50`.
    case compare(RuleField, RuleComparison, Double)
    /// A bare word, prefix or phrase: in the title or the body.
    case text(RuleValue)

    public var description: String {
        switch self {
        case .all(let parts): "(" + parts.map(\.description).joined(separator: " AND ") + ")"
        case .any(let parts): "(" + parts.map(\.description).joined(separator: " OR ") + ")"
        case .not(let inner): "NOT " + inner.description
        case .match(let field, let value): "\(field.rawValue):\(value)"
        case .watchlist(let field, let name): "\(field.rawValue):@\(name)"
        case .compare(let field, let op, let number): "\(field.rawValue)\(op.rawValue)\(Self.format(number))"
        case .text(let value): value.description
        }
    }

    /// The watchlist names the rule uses (`ticker:@core`).
    public var watchlistNames: Set<String> {
        switch self {
        case .watchlist(_, let name): [name]
        case .all(let parts), .any(let parts): parts.reduce(into: Set<String>()) { $0.formUnion($1.watchlistNames) }
        case .not(let inner): inner.watchlistNames
        default: []
        }
    }

    static func format(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
    }
}

public enum RuleField: String, Sendable, Hashable, CaseIterable {
    case ticker, event, source, channel, title, body, relevance, sentiment, novelty, exchange

    /// Fields compared with numbers (`relevance>=75`); the others match words.
    public var isNumeric: Bool { self == .relevance || self == .sentiment || self == .novelty }

    /// The range a numeric field takes.
    public var range: ClosedRange<Double>? {
        switch self {
        case .relevance, .novelty: 0...100
        case .sentiment: -1...1
        default: nil
        }
    }
}

public enum RuleComparison: String, Sendable, Hashable {
    case greaterOrEqual = ">="
    case greater = ">"
    case lessOrEqual = "<="
    case less = "<"
    case equal = "="

    public func holds(_ value: Double, _ threshold: Double) -> Bool {
        switch self {
        case .greaterOrEqual: value >= threshold
        case .greater: value > threshold
        case .lessOrEqual: value <= threshold
        case .less: value < threshold
        case .equal: value == threshold
        }
    }
}

/// A word to match: whole (`buyback`), a prefix (`buyb*`), or a phrase (`"share buyback"`).
public enum RuleValue: Sendable, Hashable, CustomStringConvertible {
    case word(String)
    case prefix(String)
    case phrase(String)

    public var description: String {
        switch self {
        case .word(let w): w
        case .prefix(let p): p + "*"
        case .phrase(let p): "\"" + p + "\""
        }
    }
}
