import Foundation

/// A search over stored articles. Every filter given must hold; lists match any of their values.
public struct NewsQuery: Sendable, Hashable {
    public enum Order: String, Sendable, Hashable {
        /// Newest first, by sequence number.
        case newest
        /// Best full-text match first (BM25); newest first when there is no text.
        case relevance
        /// Oldest first, by sequence number.
        case oldest
    }

    public var tickers: [String] = []
    public var exchange: String?
    public var eventTypes: [String] = []
    /// Published (or received, when not published) at or after / before.
    public var from: Date?
    public var to: Date?
    /// The ticker filter counts only mentions with at least this relevance.
    public var minRelevance: Int?
    public var minSentiment: Double?
    public var maxSentiment: Double?
    /// Words the title or body must contain (all of them, any order), as a user typed them.
    public var text: String?
    public var sources: [String] = []
    /// Only the articles of this story cluster.
    public var story: String?
    /// Only articles received or updated at or after this time.
    public var changedSince: Date?
    /// Only articles with a sequence number greater than this (catch-up from a cursor, oldest first then).
    public var after: Int64?
    /// The `nextCursor` of a previous page.
    public var cursor: String?
    /// Results to skip (page-number pagination, as Benzinga's `page`); a cursor is the better way to page.
    public var offset: Int = 0
    public var limit: Int = 50
    public var order: Order = .newest

    /// The largest page a query may ask for.
    public static let maxLimit = 1000
    /// The furthest a query may skip.
    public static let maxOffset = 100_000

    public init(
        tickers: [String] = [], exchange: String? = nil, eventTypes: [String] = [], from: Date? = nil, to: Date? = nil,
        minRelevance: Int? = nil, minSentiment: Double? = nil, maxSentiment: Double? = nil, text: String? = nil, sources: [String] = [],
        story: String? = nil, changedSince: Date? = nil, after: Int64? = nil, cursor: String? = nil, limit: Int = 50, offset: Int = 0,
        order: Order = .newest
    ) {
        self.story = story
        self.changedSince = changedSince
        self.offset = offset
        self.tickers = tickers
        self.exchange = exchange
        self.eventTypes = eventTypes
        self.from = from
        self.to = to
        self.minRelevance = minRelevance
        self.minSentiment = minSentiment
        self.maxSentiment = maxSentiment
        self.text = text
        self.sources = sources
        self.after = after
        self.cursor = cursor
        self.limit = limit
        self.order = order
    }
}

/// One page of results, and the cursor for the next (nil on the last page).
public struct NewsPage: Sendable, Hashable {
    public var articles: [StoredArticle]
    public var nextCursor: String?

    public init(articles: [StoredArticle], nextCursor: String?) {
        self.articles = articles
        self.nextCursor = nextCursor
    }
}

/// Why a query cannot run: said so the caller can pass it on (the API maps it to a 400).
public struct NewsQueryError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: String
    public var description: String

    public init(code: String, _ description: String) {
        self.code = code
        self.description = description
    }
}
