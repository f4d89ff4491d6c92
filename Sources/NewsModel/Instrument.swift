/// A listed company in the security master.
///
/// A company with a US listing (ADRs included) is keyed by its US symbol; its other lines are `listings`.
/// Symbols outside the US carry the Yahoo-style suffix (`7203.T`, `0700.HK`, `SAP.DE`).
public struct Instrument: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Codable { case active, former }

    public var symbol: String {
        get { storage.fields.symbol }
        set { mutableFields.symbol = newValue }
    }
    public var exchange: String {
        get { storage.fields.exchange }
        set { mutableFields.exchange = newValue }
    }
    public var name: String {
        get { storage.fields.name }
        set { mutableFields.name = newValue }
    }
    public var country: String {
        get { storage.fields.country }
        set { mutableFields.country = newValue }
    }
    public var cik: String? {
        get { storage.fields.cik }
        set { mutableFields.cik = newValue }
    }
    public var isin: String? {
        get { storage.fields.isin }
        set { mutableFields.isin = newValue }
    }
    /// Names the company goes by, besides those generated from `name` (brands, former names).
    public var aliases: [String] {
        get { storage.fields.aliases }
        set { mutableFields.aliases = newValue }
    }
    public var listings: [Listing] {
        get { storage.fields.listings }
        set { mutableFields.listings = newValue }
    }
    public var status: Status {
        get { storage.fields.status }
        set { mutableFields.status = newValue }
    }
    /// 0–100: how likely a bare mention of an ambiguous name means this company (large US listings first).
    public var prominence: Int {
        get { storage.fields.prominence }
        set { mutableFields.prominence = newValue }
    }

    public init(
        symbol: String, exchange: String, name: String, country: String = "", cik: String? = nil, isin: String? = nil,
        aliases: [String] = [], listings: [Listing] = [], status: Status = .active, prominence: Int = 50
    ) {
        storage = Storage(
            Fields(
                symbol: symbol, exchange: exchange, name: name, country: country, cik: cik, isin: isin, aliases: aliases,
                listings: listings, status: status, prominence: prominence))
    }

    /// The fields, in one shared box (copy on write). An instrument is copied into every article that names it and
    /// then along the analysis; copying one reference is far cheaper than retaining its eight strings and arrays.
    private var storage: Storage

    private struct Fields: Hashable, Codable {
        var symbol: String
        var exchange: String
        var name: String
        var country: String
        var cik: String?
        var isin: String?
        var aliases: [String]
        var listings: [Listing]
        var status: Status
        var prominence: Int
    }

    /// Only ever changed while uniquely referenced (see `mutableFields`), so sharing it across threads is safe.
    private final class Storage: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var mutableFields: Fields {
        get { storage.fields }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
            yield &storage.fields
        }
    }

    public static func == (a: Instrument, b: Instrument) -> Bool { a.storage === b.storage || a.storage.fields == b.storage.fields }
    public func hash(into hasher: inout Hasher) { storage.fields.hash(into: &hasher) }
    public init(from decoder: any Decoder) throws { storage = Storage(try Fields(from: decoder)) }
    public func encode(to encoder: any Encoder) throws { try storage.fields.encode(to: encoder) }
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
