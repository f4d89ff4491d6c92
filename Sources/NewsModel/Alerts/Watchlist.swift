import Foundation

/// A named list of tickers that a key's rules refer to as `ticker:@name`.
public struct Watchlist: Sendable, Hashable, Codable {
    public var id: String
    /// The API key that owns it: no other key sees it.
    public var keyID: String
    public var name: String
    public var tickers: [String]
    public var created: Date

    public init(id: String, keyID: String, name: String, tickers: [String], created: Date) {
        self.id = id
        self.keyID = keyID
        self.name = name
        self.tickers = tickers
        self.created = created
    }
}
