import Foundation
import GRDB
import NewsModel

/// A row of `source`: a declared source, its settings and its polling state (both as JSON, which only the
/// poller reads), and the two columns claims filter on.
struct SourceRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "source"

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let kind = Column(CodingKeys.kind)
        static let location = Column(CodingKeys.location)
        static let nextPoll = Column(CodingKeys.nextPoll)
        static let leaseUntil = Column(CodingKeys.leaseUntil)
    }

    var id: Int64?
    var kind: String
    var location: String
    var config: String
    var state: String
    var nextPoll: Double
    var leaseUntil: Double?

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    func registered() throws -> RegisteredSource {
        let decoder = JSONDecoder()
        return RegisteredSource(
            id: id!, config: try decoder.decode(SourceConfig.self, from: Data(config.utf8)),
            state: try decoder.decode(SourceState.self, from: Data(state.utf8)))
    }

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
