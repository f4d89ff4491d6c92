import Foundation

/// How `serve` runs: where it listens, where its data lives, and its limits. Flags override the environment
/// (`TICKERWIRE_HOST`, `TICKERWIRE_PORT`, `TICKERWIRE_DATA`, `TICKERWIRE_DATABASE`, `TICKERWIRE_RATE_LIMIT`,
/// `TICKERWIRE_WEBHOOK_RETRIES`, `TICKERWIRE_WEBHOOK_LEASE`), which overrides the config file's `server` section
/// (`{"server": {"host", "port", "data", "database", "rate_limit", "max_body_bytes", "webhook_retries",
/// "webhook_lease_seconds"}}`), which overrides the defaults.
public struct ServerSettings: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var data = "./data"
    /// Requests a second per API key (bursts of twice that).
    public var rateLimit = 1000.0
    /// The largest request body (a pushed batch).
    public var maxBody = 16 << 20
    /// Seconds between a failed webhook attempt and the next (Standard Webhooks' schedule unless set).
    public var webhookRetries = RetrySchedule.standard.delays
    /// A PostgreSQL URL: several nodes share that database. Nil: the embedded SQLite file in `data`.
    public var database: String?
    /// How long a webhook delivery stays the node's that took it: should the node die, another sends it after this.
    /// Longer than an attempt may take (`WebhookSender`'s 10 s timeout).
    public var webhookLease = 60.0

    public init() {}

    static let fileKeys: Set<String> = [
        "host", "port", "data", "database", "rate_limit", "max_body_bytes", "webhook_retries", "webhook_lease_seconds",
    ]

    /// The shortest webhook lease: above the attempt timeout, so no live sender's attempt is taken over.
    static let minimumWebhookLease = 15.0

    /// Applies a config file's `server` section; an unknown key or a wrong type is an error naming it.
    public mutating func apply(configFile contents: Data) throws {
        guard let root = (try? JSONSerialization.jsonObject(with: contents)) as? [String: Any] else { throw SettingsError("not a JSON object") }
        guard let server = root["server"] else { return }
        guard let section = server as? [String: Any] else { throw SettingsError("\"server\" must be an object") }
        if let unknown = Set(section.keys).subtracting(Self.fileKeys).sorted().first {
            throw SettingsError("server: unknown key \"\(unknown)\" (known: \(Self.fileKeys.sorted().joined(separator: ", ")))")
        }
        func number(_ key: String) throws -> Double? {
            guard let v = section[key] else { return nil }
            guard let n = v as? NSNumber, !(v is Bool) else { throw SettingsError("server.\(key) must be a number") }
            return n.doubleValue
        }
        func text(_ key: String) throws -> String? {
            guard let v = section[key] else { return nil }
            guard let t = v as? String, !t.isEmpty else { throw SettingsError("server.\(key) must be a non-empty string") }
            return t
        }
        if let v = try text("host") { host = v }
        if let v = try text("data") { self.data = v }
        if let v = try text("database") { database = v }
        if let v = try number("webhook_lease_seconds") {
            guard v >= Self.minimumWebhookLease else {
                throw SettingsError("server.webhook_lease_seconds must be at least \(Int(Self.minimumWebhookLease))")
            }
            webhookLease = v
        }
        if let v = try number("port") {
            guard v == v.rounded(), (0...65535).contains(v) else { throw SettingsError("server.port must be a port number") }
            port = Int(v)
        }
        if let v = try number("rate_limit") {
            guard v > 0 else { throw SettingsError("server.rate_limit must be positive") }
            rateLimit = v
        }
        if let v = try number("max_body_bytes") {
            guard v >= 1024, v == v.rounded() else { throw SettingsError("server.max_body_bytes must be a whole number of at least 1024") }
            maxBody = Int(v)
        }
        if let v = section["webhook_retries"] {
            guard let list = v as? [NSNumber], !list.isEmpty, list.allSatisfy({ $0.doubleValue > 0 }) else {
                throw SettingsError("server.webhook_retries must be a list of positive numbers of seconds")
            }
            webhookRetries = list.map(\.doubleValue)
        }
    }

    /// These settings with the environment's values applied; a malformed value is an error naming its variable.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment, over base: ServerSettings = ServerSettings())
        throws -> ServerSettings
    {
        var s = base
        if let v = env["TICKERWIRE_HOST"], !v.isEmpty { s.host = v }
        if let v = env["TICKERWIRE_PORT"] {
            guard let p = Int(v), (0...65535).contains(p) else { throw SettingsError("TICKERWIRE_PORT must be a port number, not \"\(v)\"") }
            s.port = p
        }
        if let v = env["TICKERWIRE_DATA"], !v.isEmpty { s.data = v }
        if let v = env["TICKERWIRE_DATABASE"], !v.isEmpty { s.database = v }
        if let v = env["TICKERWIRE_WEBHOOK_LEASE"] {
            guard let l = Double(v), l >= minimumWebhookLease else {
                throw SettingsError("TICKERWIRE_WEBHOOK_LEASE must be seconds, at least \(Int(minimumWebhookLease)); not \"\(v)\"")
            }
            s.webhookLease = l
        }
        if let v = env["TICKERWIRE_RATE_LIMIT"] {
            guard let r = Double(v), r > 0 else { throw SettingsError("TICKERWIRE_RATE_LIMIT must be a positive number, not \"\(v)\"") }
            s.rateLimit = r
        }
        if let v = env["TICKERWIRE_WEBHOOK_RETRIES"] {
            let list = v.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard !list.isEmpty, list.count == v.split(separator: ",").count, list.allSatisfy({ $0 > 0 }) else {
                throw SettingsError("TICKERWIRE_WEBHOOK_RETRIES must be seconds separated by commas, as in 5,300,1800; not \"\(v)\"")
            }
            s.webhookRetries = list
        }
        return s
    }

    public var databasePath: String { (data as NSString).appendingPathComponent("tickerwire.sqlite") }
}

public struct SettingsError: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}
