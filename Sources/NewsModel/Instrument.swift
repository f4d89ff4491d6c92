/// A listed company in the security master.
///
/// A company with a US listing (ADRs included) is keyed by its US symbol; its other lines are `listings`.
/// Symbols outside the US carry the Yahoo-style suffix (`7203.T`, `0700.HK`, `SAP.DE`).
public struct Instrument: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Codable { case active, former }

    public var symbol: String
    public var exchange: String
    public var name: String
    public var country: String
    public var cik: String?
    public var isin: String?
    /// Names the company goes by, besides those generated from `name` (brands, former names).
    public var aliases: [String]
    public var listings: [Listing]
    public var status: Status
    /// 0–100: how likely a bare mention of an ambiguous name means this company (large US listings first).
    public var prominence: Int

    public init(
        symbol: String, exchange: String, name: String, country: String = "", cik: String? = nil, isin: String? = nil,
        aliases: [String] = [], listings: [Listing] = [], status: Status = .active, prominence: Int = 50
    ) {
        self.symbol = symbol
        self.exchange = exchange
        self.name = name
        self.country = country
        self.cik = cik
        self.isin = isin
        self.aliases = aliases
        self.listings = listings
        self.status = status
        self.prominence = prominence
    }
}

/// Another line of the same company, on another venue or in another share class.
public struct Listing: Sendable, Hashable, Codable {
    public var symbol: String
    public var exchange: String

    public init(symbol: String, exchange: String) {
        self.symbol = symbol
        self.exchange = exchange
    }
}
