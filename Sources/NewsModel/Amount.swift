/// A number the text states, normalised: "$440M" is 440,000,000 USD.
public struct Amount: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        case money, percent, price, count, shares
    }

    public var text: String
    public var kind: Kind
    public var value: Double
    /// ISO 4217 code for money and prices.
    public var currency: String?
    public var inTitle: Bool
    public var start: Int
    public var end: Int

    public init(text: String, kind: Kind, value: Double, currency: String? = nil, inTitle: Bool, start: Int, end: Int) {
        self.text = text
        self.kind = kind
        self.value = value
        self.currency = currency
        self.inTitle = inTitle
        self.start = start
        self.end = end
    }

    enum CodingKeys: String, CodingKey {
        case text, kind, value, currency, start, end
        case inTitle = "in_title"
    }
}
