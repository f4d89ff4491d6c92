import Foundation
import Testing

@testable import NewsServer

/// Settings come from the defaults, then the config file, then the environment (flags are applied last, by the CLI).
@Suite struct ServerSettingsTests {
    @Test func fileThenEnvironmentOverTheDefaults() throws {
        var s = ServerSettings()
        try s.apply(configFile: Data(#"{"server": {"host": "0.0.0.0", "port": 9000, "rate_limit": 50, "data": "/srv/tw"}, "sources": []}"#.utf8))
        #expect(s.host == "0.0.0.0")
        #expect(s.port == 9000)
        #expect(s.rateLimit == 50)
        let env = try ServerSettings.fromEnvironment(["TICKERWIRE_PORT": "9100", "TICKERWIRE_DATA": "/tmp/x"], over: s)
        #expect(env.port == 9100)
        #expect(env.data == "/tmp/x")
        #expect(env.webhookRetries == RetrySchedule.standard.delays)
        #expect(try ServerSettings.fromEnvironment(["TICKERWIRE_WEBHOOK_RETRIES": "1, 2.5,60"]).webhookRetries == [1, 2.5, 60])
        #expect(throws: SettingsError.self) { try ServerSettings.fromEnvironment(["TICKERWIRE_WEBHOOK_RETRIES": "5,,x"]) }
        #expect(env.host == "0.0.0.0", "what the environment leaves alone comes from the file")
        #expect(ServerSettings().port == 8080 && ServerSettings().host == "127.0.0.1" && ServerSettings().data == "./data")
    }

    /// A shared database and the webhook lease (several nodes) come from the file or the environment; a lease shorter
    /// than an attempt may take is refused.
    @Test func databaseAndWebhookLease() throws {
        var s = ServerSettings()
        #expect(s.database == nil && s.webhookLease == 60)
        try s.apply(configFile: Data(#"{"server": {"database": "postgres://tw@db/tw", "webhook_lease_seconds": 30}}"#.utf8))
        #expect(s.database == "postgres://tw@db/tw" && s.webhookLease == 30)
        let env = try ServerSettings.fromEnvironment(["TICKERWIRE_DATABASE": "postgres://tw@other/tw", "TICKERWIRE_WEBHOOK_LEASE": "20"], over: s)
        #expect(env.database == "postgres://tw@other/tw" && env.webhookLease == 20)
        #expect(throws: SettingsError.self) { try ServerSettings.fromEnvironment(["TICKERWIRE_WEBHOOK_LEASE": "5"]) }
        #expect(throws: SettingsError.self) { try s.apply(configFile: Data(#"{"server": {"webhook_lease_seconds": 2}}"#.utf8)) }
    }

    @Test(arguments: [
        (#"{"server": {"prot": 1}}"#, #"unknown key "prot""#), (#"{"server": {"port": "80"}}"#, "server.port must be a number"),
        (#"{"server": {"port": 70000}}"#, "server.port must be a port number"), (#"{"server": []}"#, #""server" must be an object"#),
        (#"{"server": {"webhook_retries": [5, -1]}}"#, "webhook_retries must be a list of positive numbers"),
    ])
    func mistakesInTheFileAreNamed(json: String, message: String) {
        var s = ServerSettings()
        #expect(throws: SettingsError.self) { try s.apply(configFile: Data(json.utf8)) }
        do { try s.apply(configFile: Data(json.utf8)) } catch { #expect("\(error)".contains(message), "\(error)") }
        #expect(throws: SettingsError.self) { try ServerSettings.fromEnvironment(["TICKERWIRE_PORT": "http"]) }
    }
}
