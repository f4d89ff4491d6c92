/// A date the text names, resolved to a calendar day ("Tuesday" → 2020-09-15) when it can be.
public struct DateMention: Sendable, Hashable, Codable {
    public var text: String
    /// `yyyy-MM-dd`, `yyyy-MM` for a month, or nil when it cannot be resolved (no published time).
    public var date: String?
    public var start: Int
    public var end: Int

    public init(text: String, date: String?, start: Int, end: Int) {
        self.text = text
        self.date = date
        self.start = start
        self.end = end
    }
}
