import Foundation
import NIOSSL
import PostgresNIO

/// A `postgres://` URL read into what the connection pool needs.
struct PostgresSettings: Sendable {
    var host: String
    var port: Int
    var username: String
    var password: String?
    var database: String?
    /// As libpq's: `disable`; `prefer` (the default: TLS when the server offers it) or `require` (TLS or nothing),
    /// both without checking the certificate; `verify-ca` (a certificate signed by a trusted root) or `verify-full`
    /// (and issued to this host).
    var sslMode: String
    /// The roots to trust for `verify-ca` and `verify-full` (a PEM file, as libpq's `sslrootcert`); the system's
    /// when nil. Managed databases (RDS, Cloud SQL, Azure) sign with roots of their own.
    var sslRootCert: String?
    /// The schema that holds the store's tables (`search_path`); the user's default when nil.
    var schema: String?
    /// Connections in the pool.
    var maxConnections: Int
    /// Whether sessions compress long values with lz4 rather than pglz: articles' bodies and analyses, and the text
    /// search vectors, are written at several times the speed (pglz was the largest single cost of an ingest).
    var lz4 = false

    init(url: String) throws {
        guard let c = URLComponents(string: url), c.scheme == "postgres" || c.scheme == "postgresql" else {
            throw PostgresSettingsError("\(Self.redacted(url)) is not a postgres:// URL")
        }
        host = c.host.flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        port = c.port ?? 5432
        username = c.user ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        password = c.password
        let path = c.path.hasPrefix("/") ? String(c.path.dropFirst()) : c.path
        database = path.isEmpty ? nil : path
        let items = Dictionary((c.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        sslMode = items["sslmode"] ?? "prefer"
        guard ["disable", "prefer", "require", "verify-ca", "verify-full"].contains(sslMode) else {
            throw PostgresSettingsError("sslmode=\(sslMode) is not one of disable, prefer, require, verify-ca, verify-full")
        }
        sslRootCert = items["sslrootcert"].flatMap { $0.isEmpty ? nil : $0 }
        if let root = sslRootCert, !FileManager.default.isReadableFile(atPath: root) {
            throw PostgresSettingsError("sslrootcert=\(root) is not a readable file")
        }
        schema = items["schema"]
        if let schema, !Self.isIdentifier(schema) {
            throw PostgresSettingsError("schema=\(schema) must be letters, digits and underscores")
        }
        maxConnections = Int(items["pool_max"] ?? "") ?? 16
    }

    /// What libpq's `sslmode` asks of TLS: encryption only for `prefer` and `require`, the chain for `verify-ca`,
    /// the chain and the host name for `verify-full`.
    var tlsConfiguration: TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch sslMode {
        case "verify-full": tls.certificateVerification = .fullVerification
        case "verify-ca": tls.certificateVerification = .noHostnameVerification
        default: tls.certificateVerification = .none
        }
        if let sslRootCert { tls.trustRoots = .file(sslRootCert) }
        return tls
    }

    var clientConfiguration: PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS =
            switch sslMode {
            case "disable": .disable
            case "prefer": .prefer(tlsConfiguration)
            default: .require(tlsConfiguration)
            }
        var config = PostgresClient.Configuration(host: host, port: port, username: username, password: password, database: database, tls: tls)
        config.options.maximumConnections = maxConnections
        config.options.connectTimeout = .seconds(5)
        if let schema { config.options.additionalStartupParameters.append(("search_path", schema)) }
        if lz4 { config.options.additionalStartupParameters.append(("default_toast_compression", "lz4")) }
        return config
    }

    /// One connection of these settings, outside the pool (to check at open that the server answers).
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS =
            switch sslMode {
            case "disable": .disable
            case "prefer": .prefer(try NIOSSLContext(configuration: tlsConfiguration))
            default: .require(try NIOSSLContext(configuration: tlsConfiguration))
            }
        var config = PostgresConnection.Configuration(host: host, port: port, username: username, password: password, database: database, tls: tls)
        config.options.connectTimeout = .seconds(5)
        return config
    }

    static func isIdentifier(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.count <= 63 && s.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
    }

    /// An identifier quoted for SQL (only ever one that passed `isIdentifier`).
    static func quoted(_ identifier: String) -> String { "\"\(identifier)\"" }

    /// The URL without its password, for messages.
    static func redacted(_ url: String) -> String {
        guard var c = URLComponents(string: url), c.password != nil else { return url }
        c.password = "***"
        return c.string ?? url
    }
}

public struct PostgresSettingsError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
