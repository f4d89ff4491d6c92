import Foundation
import NewsModel

/// An article as the store keeps it: the text as received, and what analysis found, in a shape that round-trips
/// through JSON (for the analysis column, and later the API).
public struct StoredArticle: Sendable, Hashable, Codable {
    public var seq: Int64
    /// The provider's own id, when it gave one.
    public var externalID: String?
    public var source: String?
    public var url: String?
    public var guid: String?
    public var contentHash: String
    public var title: String
    public var body: String
    public var published: Date?
    public var updated: Date?
    public var received: Date
    public var revision: Int
    public var analysis: Analysis

    public init(
        seq: Int64, externalID: String?, source: String?, url: String?, guid: String?, contentHash: String, title: String, body: String,
        published: Date?, updated: Date?, received: Date, revision: Int, analysis: Analysis
    ) {
        self.seq = seq
        self.externalID = externalID
        self.source = source
        self.url = url
        self.guid = guid
        self.contentHash = contentHash
        self.title = title
        self.body = body
        self.published = published
        self.updated = updated
        self.received = received
        self.revision = revision
        self.analysis = analysis
    }

    /// What analysis found, kept whole.
    public struct Analysis: Sendable, Hashable, Codable {
        public var instruments: [Instrument]
        public var organizations: [Organization]
        public var events: [Event]
        public var amounts: [Amount]
        public var flags: [Flag]
        public var sentiment: Double
        public var story: String?
        public var novelty: Int?

        public struct Instrument: Sendable, Hashable, Codable {
            public var symbol: String
            public var exchange: String
            public var name: String
            public var relevance: Int
            public var primary: Bool
            public var sentiment: Double?

            public init(symbol: String, exchange: String, name: String, relevance: Int, primary: Bool, sentiment: Double?) {
                self.symbol = symbol
                self.exchange = exchange
                self.name = name
                self.relevance = relevance
                self.primary = primary
                self.sentiment = sentiment
            }
        }

        public struct Event: Sendable, Hashable, Codable {
            public var type: String
            public var instruments: [String]
            public var organizations: [String]
            public var text: String
            public var attributes: [String: AttributeValue]

            public init(type: String, instruments: [String], organizations: [String], text: String, attributes: [String: AttributeValue]) {
                self.type = type
                self.instruments = instruments
                self.organizations = organizations
                self.text = text
                self.attributes = attributes
            }
        }

        /// An event attribute: a number or a word.
        public enum AttributeValue: Sendable, Hashable, Codable {
            case number(Double)
            case text(String)

            public init(from decoder: any Decoder) throws {
                let c = try decoder.singleValueContainer()
                if let d = try? c.decode(Double.self) { self = .number(d) } else { self = .text(try c.decode(String.self)) }
            }

            public func encode(to encoder: any Encoder) throws {
                var c = encoder.singleValueContainer()
                switch self {
                case .number(let d): try c.encode(d)
                case .text(let t): try c.encode(t)
                }
            }
        }

        public init(
            instruments: [Instrument] = [], organizations: [Organization] = [], events: [Event] = [], amounts: [Amount] = [],
            flags: [Flag] = [], sentiment: Double = 0, story: String? = nil, novelty: Int? = nil
        ) {
            self.instruments = instruments
            self.organizations = organizations
            self.events = events
            self.amounts = amounts
            self.flags = flags
            self.sentiment = sentiment
            self.story = story
            self.novelty = novelty
        }

        /// The analysis of an analysed article, in stored form.
        public init(_ a: AnalyzedArticle) {
            self.init(
                instruments: a.instruments.map {
                    Instrument(
                        symbol: $0.symbolAsPublished ?? $0.instrument.symbol, exchange: $0.instrument.exchange, name: $0.instrument.name,
                        relevance: $0.relevance, primary: $0.primary, sentiment: $0.sentiment?.score)
                },
                organizations: a.organizations,
                events: a.events.map { e in
                    Event(
                        type: e.type.rawValue, instruments: e.instruments, organizations: e.organizations, text: e.text,
                        attributes: Dictionary(
                            e.attributes.map { a in
                                switch a.value {
                                case .number(let v): (a.key, AttributeValue.number(v))
                                case .text(let t): (a.key, AttributeValue.text(t))
                                }
                            }, uniquingKeysWith: { first, _ in first }))
                },
                amounts: a.amounts, flags: a.flags, sentiment: a.sentiment.score, story: a.story, novelty: a.novelty)
        }
    }

    /// An article on its way in: what arrived, and its analysis.
    public struct Incoming: Sendable, Hashable {
        public var externalID: String?
        public var source: String?
        public var url: String?
        public var guid: String?
        public var title: String
        public var body: String
        public var published: Date?
        public var received: Date
        public var analysis: Analysis
        /// `analysis` as JSON, when the caller has encoded it already (on the cores that analysed the article, so the
        /// single writer does not); the store encodes it when nil.
        public var analysisJSON: String?
        /// The rules this article matched: stored as alerts (with their deliveries) in the article's transaction.
        public var alerts: [PendingAlert] = []
        /// What the story index kept of it (`StoryPrint`), stored so that other indexes can take the article in.
        public var storyPrint: StoryPrint?

        public init(
            externalID: String? = nil, source: String? = nil, url: String? = nil, guid: String? = nil, title: String, body: String,
            published: Date? = nil, received: Date, analysis: Analysis = Analysis()
        ) {
            self.externalID = externalID
            self.source = source
            self.url = url
            self.guid = guid
            self.title = title
            self.body = body
            self.published = published
            self.received = received
            self.analysis = analysis
        }

        /// From an analysed article, received at `received`.
        public init(_ a: AnalyzedArticle, guid: String? = nil, received: Date) {
            self.init(
                externalID: a.article.id, source: a.article.source, url: a.article.url, guid: guid, title: a.article.title,
                body: a.article.body, published: a.article.published, received: received, analysis: Analysis(a))
            storyPrint = a.storyPrint
        }

        /// An analysed article ready for the writer: its id as guid, `defaultSource` when it names no source, the
        /// analysis encoded and the content hashed.
        public static func prepared(_ a: AnalyzedArticle, defaultSource: String?, received: Date) -> Incoming {
            var incoming = Incoming(a, guid: a.article.id, received: received)
            if incoming.source == nil { incoming.source = defaultSource }
            incoming.prepare()
            return incoming
        }

        /// The content hash, when the caller has computed it already (see `prepare`).
        public var preparedHash: String?

        /// Encodes the analysis and hashes the content now, on the cores that analysed the article, so the single
        /// writer does not.
        public mutating func prepare() {
            analysisJSON = analysis.json()
            preparedHash = ContentHash.of(title: title, body: body)
        }

        /// Identifies the content: the same title and body (whitespace aside) hash the same.
        public var contentHash: String { preparedHash ?? ContentHash.of(title: title, body: body) }
    }
}

extension StoredArticle {
    /// The stored form of an article just written: `seq` and `revision` as the store gave them.
    public init(_ a: Incoming, seq: Int64, revision: Int) {
        self.init(
            seq: seq, externalID: a.externalID, source: a.source, url: a.url, guid: a.guid, contentHash: a.contentHash, title: a.title,
            body: a.body, published: a.published, updated: revision > 1 ? a.received : nil, received: a.received, revision: revision,
            analysis: a.analysis)
    }
}
