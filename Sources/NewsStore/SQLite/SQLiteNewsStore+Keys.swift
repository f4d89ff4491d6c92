import Foundation
import GRDB

extension SQLiteNewsStore: KeyStore {
    public func addKey(_ key: APIKey) async throws {
        try await pool.write { db in
            try APIKeyRecord(
                id: key.id, name: key.name, prefix: key.prefix, hash: key.hash, scope: key.scope.rawValue,
                created: key.created.timeIntervalSince1970, revoked: key.revoked?.timeIntervalSince1970
            ).insert(db)
        }
    }

    public func activeKey(hash: String) async throws -> APIKey? {
        try await pool.read { db in
            try APIKeyRecord.filter(APIKeyRecord.Columns.hash == hash && APIKeyRecord.Columns.revoked == nil).fetchOne(db).flatMap(Self.key)
        }
    }

    public func keys() async throws -> [APIKey] {
        try await pool.read { db in
            try APIKeyRecord.order(APIKeyRecord.Columns.created.desc).fetchAll(db).compactMap(Self.key)
        }
    }

    public func revokeKey(id: String, at time: Date) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE api_key SET revoked = ? WHERE id = ? AND revoked IS NULL", arguments: [time.timeIntervalSince1970, id])
            return db.changesCount > 0
        }
    }

    private static func key(_ r: APIKeyRecord) -> APIKey? {
        guard let scope = APIKey.Scope(rawValue: r.scope) else { return nil }
        return APIKey(
            id: r.id, name: r.name, prefix: r.prefix, hash: r.hash, scope: scope, created: Date(timeIntervalSince1970: r.created),
            revoked: r.revoked.map(Date.init(timeIntervalSince1970:)))
    }
}
