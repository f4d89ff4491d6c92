/// Where a JSON API keeps its articles and their fields, as dotted paths ("data.items", "content.rendered").
/// Anything left out falls back to the usual names (`title`, `body`/`text`/`content`, `url`, `id`, `published`).
public struct FieldMapping: Sendable, Hashable, Codable {
    /// The array of records in a JSON reply; nil when the reply is the array itself (or NDJSON, a record a line).
    public var items: String?
    public var id: String?
    public var title: String?
    public var body: String?
    public var url: String?
    public var published: String?
    public var source: String?
    /// A query parameter the API filters by time with ("updatedSince"): each poll sends the newest `published`
    /// seen so far, in Unix seconds, so only newer records come back.
    public var since: String?

    public init(
        items: String? = nil, id: String? = nil, title: String? = nil, body: String? = nil, url: String? = nil,
        published: String? = nil, source: String? = nil, since: String? = nil
    ) {
        self.items = items
        self.id = id
        self.title = title
        self.body = body
        self.url = url
        self.published = published
        self.source = source
        self.since = since
    }
}
