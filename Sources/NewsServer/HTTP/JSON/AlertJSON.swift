import Foundation
import NewsAnalysis
import NewsModel
import NewsStore

/// An alert as the API, the streams and webhooks send it (CONTRACTS.md §4):
/// `{"id", "sequence", "created", "rule": {"id", "name"}, "article": {...}}`; the article is null once removed.
public enum AlertJSON {
    public static func encode(_ alert: Alert, _ article: StoredArticle?) -> [UInt8] {
        var w = JSONWriter(capacity: 4096)
        write(alert, article, into: &w)
        return w.bytes
    }

    public static func write(_ alert: Alert, _ article: StoredArticle?, into w: inout JSONWriter) {
        write(alert, articleJSON: article.map(ArticleJSON.encode), into: &w)
    }

    /// With the article already encoded (`ArticleJSON`), or nil once removed.
    public static func write(_ alert: Alert, articleJSON: [UInt8]?, into w: inout JSONWriter) {
        w.beginObject()
        w.field("id", alert.id)
        w.field("sequence", Int(alert.seq))
        w.field("created", DateParsing.isoString(alert.created))
        w.key("rule")
        w.beginObject()
        w.field("id", alert.ruleID)
        w.field("name", alert.ruleName)
        w.endObject()
        w.key("article")
        if let articleJSON { w.encoded(articleJSON) } else { w.null() }
        w.endObject()
    }

    /// A webhook's body (the Standard Webhooks envelope): `{"type": "alert.created", "timestamp", "data": alert}`.
    public static func webhookPayload(_ alert: Alert, articleJSON: [UInt8]?, at time: Date) -> [UInt8] {
        var w = JSONWriter(capacity: 512 + (articleJSON?.count ?? 0))
        w.beginObject()
        w.field("type", "alert.created")
        w.field("timestamp", DateParsing.isoString(time))
        w.key("data")
        write(alert, articleJSON: articleJSON, into: &w)
        w.endObject()
        return w.bytes
    }
}
