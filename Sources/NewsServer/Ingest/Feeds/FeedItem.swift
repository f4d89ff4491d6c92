import Foundation
import NewsModel

/// One entry of an RSS or Atom feed, as the feed states it.
public struct FeedItem: Sendable, Hashable {
    public var title: String
    public var link: String?
    /// The feed's own id for the entry (`guid`, Atom `id`, RDF `rdf:about`).
    public var guid: String?
    public var published: Date?
    public var updated: Date?
    /// The fullest text given: `content:encoded` or Atom `content`, else `description` or `summary`. Often HTML.
    public var content: String
    public var author: String?
    public var categories: [String]

    public init(
        title: String = "", link: String? = nil, guid: String? = nil, published: Date? = nil, updated: Date? = nil, content: String = "",
        author: String? = nil, categories: [String] = []
    ) {
        self.title = title
        self.link = link
        self.guid = guid
        self.published = published
        self.updated = updated
        self.content = content
        self.author = author
        self.categories = categories
    }
}

extension FeedItem {
    /// The article this entry is: its content (HTML is cleaned by analysis), its link and id, from `source`.
    public func article(source: String) -> Article {
        Article(id: guid ?? link, title: title, body: content, published: published, url: link, source: source)
    }
}
