import Foundation
import GRDB
import NewsModel

extension SQLiteNewsStore: SourceRegistry {
    public func saveSource(_ config: SourceConfig) async throws -> RegisteredSource {
        try await pool.write { db in
            let json = try SourceRecord.json(config)
            if var existing = try SourceRecord.filter(SourceRecord.Columns.location == config.location).fetchOne(db) {
                existing.kind = config.kind.rawValue
                existing.config = json
                try existing.update(db)
                return try existing.registered()
            }
            let state = SourceState()
            var record = SourceRecord(
                kind: config.kind.rawValue, location: config.location, config: json, state: try SourceRecord.json(state),
                nextPoll: state.nextPoll.timeIntervalSince1970)
            try record.insert(db)
            return try record.registered()
        }
    }

    public func sources() async throws -> [RegisteredSource] {
        try await pool.read { db in try SourceRecord.order(SourceRecord.Columns.id).fetchAll(db).map { try $0.registered() } }
    }

    public func removeSource(location: String) async throws -> Bool {
        try await pool.write { db in try SourceRecord.filter(SourceRecord.Columns.location == location).deleteAll(db) > 0 }
    }

    public func claimDueSources(_ kind: SourceConfig.Kind, now: Date, lease: Double, limit: Int) async throws -> [RegisteredSource] {
        let t = now.timeIntervalSince1970
        return try await pool.write { db in
            let due = try SourceRecord.filter(SourceRecord.Columns.kind == kind.rawValue && SourceRecord.Columns.nextPoll <= t)
                .filter(SourceRecord.Columns.leaseUntil == nil || SourceRecord.Columns.leaseUntil < t)
                .order(SourceRecord.Columns.nextPoll).limit(limit).fetchAll(db)
            for var record in due {
                record.leaseUntil = t + lease
                try record.update(db, columns: [SourceRecord.Columns.leaseUntil])
            }
            return try due.map { try $0.registered() }
        }
    }

    public func saveState(_ state: SourceState, of id: Int64) async throws {
        let json = try SourceRecord.json(state)
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE source SET state = ?, nextPoll = ?, leaseUntil = NULL WHERE id = ?",
                arguments: [json, state.nextPoll.timeIntervalSince1970, id])
        }
    }

    public func nextDuePoll(_ kind: SourceConfig.Kind) async throws -> Date? {
        try await pool.read { db in
            try Double.fetchOne(db, sql: "SELECT min(max(nextPoll, coalesce(leaseUntil, 0))) FROM source WHERE kind = ?", arguments: [kind.rawValue])
                .map(Date.init(timeIntervalSince1970:))
        }
    }
}
