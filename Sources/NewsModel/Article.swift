import Foundation

/// A news story as it arrives, before analysis.
public struct Article: Sendable, Hashable {
    public var id: String?
    public var title: String
    public var body: String
    public var published: Date?
    public var url: String?
    public var source: String?

    public init(id: String? = nil, title: String, body: String, published: Date? = nil, url: String? = nil, source: String? = nil) {
        self.id = id
        self.title = title
        self.body = body
        self.published = published
        self.url = url
        self.source = source
    }
}
