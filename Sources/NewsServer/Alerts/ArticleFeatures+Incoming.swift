import NewsAlerts
import NewsStore

extension ArticleFeatures {
    /// What rules test in an article on its way into the store.
    public init(_ a: StoredArticle.Incoming) {
        let instruments = a.analysis.instruments
        self.init(
            relevance: Dictionary(instruments.map { ($0.symbol, $0.relevance) }, uniquingKeysWith: max), exchanges: Set(instruments.map(\.exchange)),
            events: Set(a.analysis.events.map(\.type)), sentiment: a.analysis.sentiment, novelty: a.analysis.novelty ?? 100, source: a.source ?? "",
            titleWords: ArticleFeatures.words(a.title), bodyWords: ArticleFeatures.words(a.body))
    }
}
