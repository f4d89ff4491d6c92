/// A company-like name in the text ("Zhejiang Dahua Technology Co Ltd"), linked to its instrument when it is listed.
public struct Organization: Sendable, Hashable, Codable {
    public var name: String
    public var start: Int
    public var end: Int
    /// Whether the name is a listed company found among the instruments; `symbol` then names it.
    public var linked: Bool
    public var symbol: String?

    public init(name: String, start: Int, end: Int, linked: Bool = false, symbol: String? = nil) {
        self.name = name
        self.start = start
        self.end = end
        self.linked = linked
        self.symbol = symbol
    }
}
