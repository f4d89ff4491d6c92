import Foundation
import NewsStore
import PostgresNIO

/// Reads a row of `PostgresNewsStore.articleColumns` into a `StoredArticle`.
enum PostgresArticleRow {
    static func stored(_ row: PostgresRow, decoder: JSONDecoder) throws -> StoredArticle {
        let (seq, externalID, source, url, guid, hash, title, body, published, updated, received, revision, analysis) = try row.decode(
            (Int64, String?, String?, String?, String?, String, String, String, Date?, Date?, Date, Int, String).self)
        return StoredArticle(
            seq: seq, externalID: externalID, source: source, url: url, guid: guid, contentHash: hash, title: title, body: body,
            published: published, updated: updated, received: received, revision: revision,
            analysis: try decoder.decode(StoredArticle.Analysis.self, from: Data(analysis.utf8)))
    }
}
