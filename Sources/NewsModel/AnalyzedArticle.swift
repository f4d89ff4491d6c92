/// An article with everything analysis found in it.
public struct AnalyzedArticle: Sendable, Hashable {
    public var article: Article
    /// Title, a newline, then body: the text every offset counts in.
    public var cleanedText: String
    public var instruments: [TaggedInstrument]
    public var organizations: [Organization]
    public var amounts: [Amount]
    public var dates: [DateMention]

    public init(
        article: Article, cleanedText: String, instruments: [TaggedInstrument] = [], organizations: [Organization] = [],
        amounts: [Amount] = [], dates: [DateMention] = []
    ) {
        self.article = article
        self.cleanedText = cleanedText
        self.instruments = instruments
        self.organizations = organizations
        self.amounts = amounts
        self.dates = dates
    }
}
