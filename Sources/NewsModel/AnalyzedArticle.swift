/// An article with everything analysis found in it.
public struct AnalyzedArticle: Sendable, Hashable {
    public var article: Article
    /// Title, a newline, then body, as UTF-8: the text every offset counts in.
    public var cleanedBytes: [UInt8]
    /// The cleaned text as a String, made when asked (most consumers only need the offsets into it).
    public var cleanedText: String { String(decoding: cleanedBytes, as: UTF8.self) }
    public var instruments: [TaggedInstrument]
    public var organizations: [Organization]
    public var amounts: [Amount]
    public var dates: [DateMention]

    public init(
        article: Article, cleanedBytes: [UInt8], instruments: [TaggedInstrument] = [], organizations: [Organization] = [],
        amounts: [Amount] = [], dates: [DateMention] = []
    ) {
        self.article = article
        self.cleanedBytes = cleanedBytes
        self.instruments = instruments
        self.organizations = organizations
        self.amounts = amounts
        self.dates = dates
    }
}
