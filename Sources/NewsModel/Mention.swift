/// One place in the cleaned text where an instrument is named.
///
/// Offsets count Unicode scalars in the cleaned text (title, a newline, then body).
public struct Mention: Sendable, Hashable, Codable {
    /// How a mention was recognised, most certain first.
    public enum How: String, Sendable, Codable {
        case exchangeTicker = "exchange:ticker"
        case cashtag
        case nameAndTicker = "name+ticker"
        case name
        case alias
        case ticker
    }

    public var text: String
    public var start: Int
    public var end: Int
    public var inTitle: Bool
    public var how: How

    public init(text: String, start: Int, end: Int, inTitle: Bool, how: How) {
        self.text = text
        self.start = start
        self.end = end
        self.inTitle = inTitle
        self.how = how
    }

    enum CodingKeys: String, CodingKey {
        case text, start, end, how
        case inTitle = "in_title"
    }
}
