/// Something that happened to a company, as one sentence of the article states it (CONTRACTS.md §2).
public struct Event: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case analystRating = "analyst_rating"
        case earnings, guidance
        case mergerAcquisition = "merger_acquisition"
        case investment, ipo, offering, listing, delisting, sanction, regulatory, legal
        case executiveChange = "executive_change"
        case dividend, buyback
        case stockSplit = "stock_split"
        case contract, partnership, product, bankruptcy, layoffs
        case priceAction = "price_action"
    }

    /// One attribute value: a number (amounts, percentages, prices) or a word ("Upgrades", "close").
    public enum Value: Sendable, Hashable {
        case number(Double)
        case text(String)
    }

    public struct Attribute: Sendable, Hashable {
        public var key: String
        public var value: Value
        public init(_ key: String, _ value: Value) {
            self.key = key
            self.value = value
        }
    }

    public var type: Kind
    /// Symbols of the instruments the event concerns.
    public var instruments: [String]
    /// Names of unlisted organisations it concerns.
    public var organizations: [String]
    /// The evidence sentence, and its place in the cleaned text (Unicode scalars).
    public var text: String
    public var start: Int
    public var end: Int
    /// Named attributes in a fixed order (analyst ratings follow Benzinga's field names).
    public var attributes: [Attribute]

    public init(
        type: Kind, instruments: [String], organizations: [String] = [], text: String, start: Int, end: Int,
        attributes: [Attribute] = []
    ) {
        self.type = type
        self.instruments = instruments
        self.organizations = organizations
        self.text = text
        self.start = start
        self.end = end
        self.attributes = attributes
    }

    public func attribute(_ key: String) -> Value? { attributes.first { $0.key == key }?.value }
}
