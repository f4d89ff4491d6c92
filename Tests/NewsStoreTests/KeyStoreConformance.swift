import Foundation
import NewsStore
import Testing

/// What every `KeyStore` backend must do.
enum KeyStoreConformance {
    typealias Check = @Sendable (any KeyStore) async throws -> Void

    static let checks: [(name: String, check: Check)] = [
        ("a key is found by its hash until it is revoked", revocation),
        ("keys are listed newest first, revoked ones marked", listing),
    ]

    static func key(_ id: String, scope: APIKey.Scope = .read, at t: Double = 1_700_000_000) -> APIKey {
        APIKey(id: id, name: "key \(id)", prefix: "tw_\(id)", hash: "hash-\(id)", scope: scope, created: Date(timeIntervalSince1970: t))
    }

    static func revocation(_ store: any KeyStore) async throws {
        try await store.addKey(key("a", scope: .write))
        #expect(try await store.activeKey(hash: "hash-a")?.scope == .write)
        #expect(try await store.activeKey(hash: "hash-b") == nil)
        #expect(try await store.revokeKey(id: "a", at: Date(timeIntervalSince1970: 1_700_000_100)))
        #expect(try await store.revokeKey(id: "a", at: Date(timeIntervalSince1970: 1_700_000_200)) == false)
        #expect(try await store.activeKey(hash: "hash-a") == nil)
        await #expect(throws: (any Error).self) { try await store.addKey(key("a")) }
    }

    static func listing(_ store: any KeyStore) async throws {
        try await store.addKey(key("old", at: 1_700_000_000))
        try await store.addKey(key("new", scope: .admin, at: 1_700_000_500))
        _ = try await store.revokeKey(id: "old", at: Date(timeIntervalSince1970: 1_700_001_000))
        let keys = try await store.keys()
        #expect(keys.map(\.id) == ["new", "old"])
        #expect(keys[1].revoked == Date(timeIntervalSince1970: 1_700_001_000))
        #expect(keys[0].allows(.write) && keys[0].allows(.read) && !key("r").allows(.write))
    }
}
