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
    public var events: [Event]
    public var flags: [Flag]
    public var sentiment: Sentiment
    /// MinHash band keys of the cleaned text's word shingles: near-duplicates share at least one.
    public var fingerprint: [UInt64]
    /// Four bits of each of the same MinHash's bins: how alike two texts that share a band key really are (0: unknown).
    public var sketch: UInt64
    /// The story cluster and how new this article is within it; set by a `StoryIndex`, which sees articles in order.
    public var story: String?
    public var novelty: Int?
    /// What the story index kept of the article (see `StoryPrint`), stored so other indexes can take it in.
    public var storyPrint: StoryPrint?

    public init(
        article: Article, cleanedBytes: [UInt8], instruments: [TaggedInstrument] = [], organizations: [Organization] = [],
        amounts: [Amount] = [], dates: [DateMention] = [], events: [Event] = [], flags: [Flag] = [], sentiment: Sentiment = .neutral,
        fingerprint: [UInt64] = [], sketch: UInt64 = 0, story: String? = nil, novelty: Int? = nil
    ) {
        self.article = article
        self.cleanedBytes = cleanedBytes
        self.instruments = instruments
        self.organizations = organizations
        self.amounts = amounts
        self.dates = dates
        self.events = events
        self.flags = flags
        self.sentiment = sentiment
        self.fingerprint = fingerprint
        self.sketch = sketch
        self.story = story
        self.novelty = novelty
    }
}
