import Crypto
import Foundation
import NewsModel
import NewsStore

/// Making and checking API keys: 32 random bytes, shown once as `tw_` + base64url; stored as a SHA-256 hash.
public enum APIKeys {
    /// A new key and its stored record.
    public static func make(name: String, scope: APIKey.Scope, now: Date) -> (key: String, record: APIKey) {
        let key = RandomID.make("tw_", bytes: 32)
        let id = RandomID.make("key_", bytes: 9)
        return (key, APIKey(id: id, name: name, prefix: String(key.prefix(10)), hash: hash(key), scope: scope, created: now))
    }

    /// The record of a key given from outside (`TICKERWIRE_ADMIN_KEY`), with a stable id derived from its hash.
    public static func record(forKey key: String, name: String, scope: APIKey.Scope, now: Date) -> APIKey {
        let h = hash(key)
        return APIKey(id: "key_" + h.prefix(12), name: name, prefix: String(key.prefix(6)), hash: h, scope: scope, created: now)
    }

    public static func hash(_ key: String) -> String {
        SHA256.hash(data: Data(key.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
