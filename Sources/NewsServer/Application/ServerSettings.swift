import Foundation

/// How `serve` runs: where it listens, where its data lives, and its limits. Flags override the environment
/// (`TICKERWIRE_HOST`, `TICKERWIRE_PORT`, `TICKERWIRE_DATA`, `TICKERWIRE_RATE_LIMIT`), which overrides the defaults.
public struct ServerSettings: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var data = "./data"
    /// Requests a second per API key (bursts of twice that).
    public var rateLimit = 1000.0
    /// The largest request body (a pushed batch).
    public var maxBody = 16 << 20

    public init() {}

    /// The defaults with the environment's values applied; a malformed value is an error naming its variable.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> ServerSettings {
        var s = ServerSettings()
        if let v = env["TICKERWIRE_HOST"], !v.isEmpty { s.host = v }
        if let v = env["TICKERWIRE_PORT"] {
            guard let p = Int(v), (0...65535).contains(p) else { throw SettingsError("TICKERWIRE_PORT must be a port number, not \"\(v)\"") }
            s.port = p
        }
        if let v = env["TICKERWIRE_DATA"], !v.isEmpty { s.data = v }
        if let v = env["TICKERWIRE_RATE_LIMIT"] {
            guard let r = Double(v), r > 0 else { throw SettingsError("TICKERWIRE_RATE_LIMIT must be a positive number, not \"\(v)\"") }
            s.rateLimit = r
        }
        return s
    }

    public var databasePath: String { (data as NSString).appendingPathComponent("tickerwire.sqlite") }
}

public struct SettingsError: Error, CustomStringConvertible {
    public var description: String
    init(_ d: String) { description = d }
}
