import GRDB

/// A row of `article_revision`: one change to an article (created, updated, removed).
struct ArticleRevisionRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "article_revision"

    enum Columns {
        static let seq = Column(CodingKeys.seq)
        static let revision = Column(CodingKeys.revision)
        static let kind = Column(CodingKeys.kind)
        static let at = Column(CodingKeys.at)
    }

    var seq: Int64
    var revision: Int
    var kind: String
    var at: Double
    var contentHash: String
}
