import Foundation

/// API keys: stored as SHA-256 hashes of random keys (the key itself is shown once, when made), with scopes.
public protocol KeyStore: Sendable {
    /// Stores a new key's hash; returns its record.
    func addKey(_ key: APIKey) async throws

    /// The key with this hash, unless revoked.
    func activeKey(hash: String) async throws -> APIKey?

    /// All keys, newest first (revoked ones too, marked).
    func keys() async throws -> [APIKey]

    /// Revokes a key by id; false when there was none (or it was revoked already).
    func revokeKey(id: String, at time: Date) async throws -> Bool
}

/// A stored API key: never the key itself, only its hash and a short prefix to recognise it by.
public struct APIKey: Sendable, Hashable, Codable {
    public enum Scope: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
        case read, write, admin

        /// Admin implies write, and write implies read.
        public static func < (a: Scope, b: Scope) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
    }

    public var id: String
    public var name: String
    /// The first characters of the key, to tell keys apart in lists.
    public var prefix: String
    public var hash: String
    public var scope: Scope
    public var created: Date
    public var revoked: Date?

    public init(id: String, name: String, prefix: String, hash: String, scope: Scope, created: Date, revoked: Date? = nil) {
        self.id = id
        self.name = name
        self.prefix = prefix
        self.hash = hash
        self.scope = scope
        self.created = created
        self.revoked = revoked
    }

    /// Whether this key may do what `needed` allows.
    public func allows(_ needed: Scope) -> Bool { needed <= scope }
}
