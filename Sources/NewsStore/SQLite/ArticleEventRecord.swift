import GRDB

/// A row of `article_event`: one event type an article reports, for event queries.
struct ArticleEventRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "article_event"

    enum Columns {
        static let seq = Column(CodingKeys.seq)
        static let type = Column(CodingKeys.type)
    }

    var seq: Int64
    var type: String
    var time: Double
}
