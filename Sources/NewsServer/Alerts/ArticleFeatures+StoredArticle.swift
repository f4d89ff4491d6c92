import NewsAlerts
import NewsStore

extension ArticleFeatures {
    /// What rules test in an article on its way into the store.
    public init(_ a: StoredArticle.Incoming) {
        self.init(a.analysis, source: a.source, title: a.title, body: a.body)
    }

    /// What rules test in a stored article (trying a rule against recent news).
    public init(_ a: StoredArticle) {
        self.init(a.analysis, source: a.source, title: a.title, body: a.body)
    }

    private init(_ analysis: StoredArticle.Analysis, source: String?, title: String, body: String) {
        let instruments = analysis.instruments
        self.init(
            relevance: Dictionary(instruments.map { ($0.symbol, $0.relevance) }, uniquingKeysWith: max), exchanges: Set(instruments.map(\.exchange)),
            events: Set(analysis.events.map(\.type)), sentiment: analysis.sentiment, novelty: analysis.novelty ?? 100, source: source ?? "",
            titleWords: ArticleFeatures.words(title), bodyWords: ArticleFeatures.words(body))
    }
}
