import Foundation
import NewsStore
import PostgresNIO

extension PostgresNewsStore: KeyStore {
    public func addKey(_ key: APIKey) async throws {
        try await rows(
            """
            INSERT INTO api_key (id, name, prefix, hash, scope, created, revoked) VALUES (\(key.id), \(key.name), \(key.prefix), \(key.hash), \
            \(key.scope.rawValue), \(key.created), \(key.revoked))
            """)
    }

    public func activeKey(hash: String) async throws -> APIKey? {
        try await rows(
            "SELECT id, name, prefix, hash, scope, created, revoked FROM api_key WHERE hash = \(hash) AND revoked IS NULL"
        ).first.flatMap(Self.key)
    }

    public func keys() async throws -> [APIKey] {
        try await rows("SELECT id, name, prefix, hash, scope, created, revoked FROM api_key ORDER BY created DESC").compactMap(Self.key)
    }

    public func revokeKey(id: String, at time: Date) async throws -> Bool {
        try await !rows("UPDATE api_key SET revoked = \(time) WHERE id = \(id) AND revoked IS NULL RETURNING id").isEmpty
    }

    private static func key(_ row: PostgresRow) throws -> APIKey? {
        let (id, name, prefix, hash, scope, created, revoked) = try row.decode((String, String, String, String, String, Date, Date?).self)
        guard let scope = APIKey.Scope(rawValue: scope) else { return nil }
        return APIKey(id: id, name: name, prefix: prefix, hash: hash, scope: scope, created: created, revoked: revoked)
    }
}
