import GRDB

/// A row of `api_key`: a key's hash, never the key.
struct APIKeyRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "api_key"

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let hash = Column(CodingKeys.hash)
        static let created = Column(CodingKeys.created)
        static let revoked = Column(CodingKeys.revoked)
    }

    var id: String
    var name: String
    var prefix: String
    var hash: String
    var scope: String
    var created: Double
    var revoked: Double?
}
