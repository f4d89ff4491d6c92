/// An instrument an article is about, with the evidence for it.
public struct TaggedInstrument: Sendable, Hashable {
    public var instrument: Instrument
    /// The symbol valid at the article's time, when it differs from today's (SQ before it became XYZ).
    public var symbolAsPublished: String?
    /// 0–100; 75 and over means the story is about it.
    public var relevance: Int
    public var primary: Bool
    public var mentions: [Mention]
    /// Sentiment of the sentences that mention it or refer back to it.
    public var sentiment: Sentiment?

    public init(instrument: Instrument, symbolAsPublished: String? = nil, relevance: Int, primary: Bool, mentions: [Mention]) {
        self.instrument = instrument
        self.symbolAsPublished = symbolAsPublished
        self.relevance = relevance
        self.primary = primary
        self.mentions = mentions
    }
}
