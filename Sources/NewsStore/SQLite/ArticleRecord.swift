import Foundation
import GRDB

/// A row of `article`: the text as received, identity, times in seconds since 1970, and the analysis as JSON.
struct ArticleRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "article"

    enum Columns {
        static let seq = Column(CodingKeys.seq)
        static let source = Column(CodingKeys.source)
        static let url = Column(CodingKeys.url)
        static let guid = Column(CodingKeys.guid)
        static let contentHash = Column(CodingKeys.contentHash)
        static let time = Column(CodingKeys.time)
        static let removedAt = Column(CodingKeys.removedAt)
        static let sentiment = Column(CodingKeys.sentiment)
    }

    var seq: Int64?
    var externalID: String?
    var source: String?
    var url: String?
    var guid: String?
    var contentHash: String
    var title: String
    var body: String
    var published: Double?
    var updated: Double?
    var received: Double
    /// Published, or received when the article gave no time: what date filters read.
    var time: Double
    var revision: Int
    var removedAt: Double?
    var sentiment: Double
    var story: String?
    var novelty: Int?
    /// `StoredArticle.Analysis` as JSON.
    var analysis: String

    mutating func didInsert(_ inserted: InsertionSuccess) { seq = inserted.rowID }

    init(_ a: StoredArticle.Incoming, contentHash: String, analysis: String) {
        externalID = a.externalID
        source = a.source
        url = a.url
        guid = a.guid
        self.contentHash = contentHash
        title = a.title
        body = a.body
        published = a.published?.timeIntervalSince1970
        received = a.received.timeIntervalSince1970
        time = published ?? received
        revision = 1
        sentiment = a.analysis.sentiment
        story = a.analysis.story
        novelty = a.analysis.novelty
        self.analysis = analysis
    }

    func stored(decoder: JSONDecoder) throws -> StoredArticle {
        StoredArticle(
            seq: seq ?? 0, externalID: externalID, source: source, url: url, guid: guid, contentHash: contentHash, title: title, body: body,
            published: published.map(Date.init(timeIntervalSince1970:)), updated: updated.map(Date.init(timeIntervalSince1970:)),
            received: Date(timeIntervalSince1970: received), revision: revision,
            analysis: try decoder.decode(StoredArticle.Analysis.self, from: Data(analysis.utf8)))
    }
}
