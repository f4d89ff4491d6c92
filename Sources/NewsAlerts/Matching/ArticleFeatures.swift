/// What a rule can test in an analysed article, gathered once per article before matching.
public struct ArticleFeatures: Sendable {
    /// Symbols with their relevance.
    public var relevance: [String: Int]
    public var exchanges: Set<String>
    public var events: Set<String>
    public var sentiment: Double
    public var novelty: Int
    public var source: String
    public var channels: Set<String>
    /// Lowercased words of the title and of the body, in order (phrases are checked on them).
    public var titleWords: [String]
    public var bodyWords: [String]
    let titleSet: Set<String>
    let bodySet: Set<String>

    public init(
        relevance: [String: Int], exchanges: Set<String> = [], events: Set<String>, sentiment: Double, novelty: Int, source: String = "",
        channels: Set<String> = [], titleWords: [String], bodyWords: [String]
    ) {
        self.relevance = relevance
        self.exchanges = exchanges
        self.events = events
        self.sentiment = sentiment
        self.novelty = novelty
        self.source = source.lowercased()
        self.channels = Set(channels.map { $0.lowercased() })
        self.titleWords = titleWords
        self.bodyWords = bodyWords
        titleSet = Set(titleWords)
        bodySet = Set(bodyWords)
    }

    /// Splits text into lowercased words the way rules read them (letters and digits; other characters separate).
    public static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }

}
