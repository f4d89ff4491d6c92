import GRDB

/// A row of `article_instrument`: one instrument an article mentions, for ticker queries.
struct ArticleInstrumentRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "article_instrument"

    enum Columns {
        static let seq = Column(CodingKeys.seq)
        static let symbol = Column(CodingKeys.symbol)
    }

    var seq: Int64
    var symbol: String
    var exchange: String
    var relevance: Int
    var isPrimary: Bool
    var sentiment: Double?
    var time: Double
}
