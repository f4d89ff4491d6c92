import Foundation
import GRDB
import NewsModel
import Testing

@testable import NewsStore

/// The conformance suite against SQLite files in a temporary directory, one fresh database per check.
@Suite struct SQLiteNewsStoreTests {
    /// A database file's path in a new temporary directory.
    static func freshPath() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tickerwire-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent("news.sqlite").path
    }

    static func freshStore() throws -> SQLiteNewsStore {
        try SQLiteNewsStore(path: try freshPath())
    }

    @Test(arguments: NewsStoreConformance.checks.map(\.name))
    func conformance(_ name: String) async throws {
        let check = try #require(NewsStoreConformance.checks.first { $0.name == name }).check
        try await check(try Self.freshStore())
    }

    @Test(arguments: SourceRegistryConformance.checks.map(\.name))
    func sourceRegistryConformance(_ name: String) async throws {
        let check = try #require(SourceRegistryConformance.checks.first { $0.name == name }).check
        try await check(try Self.freshStore())
    }

    @Test(arguments: KeyStoreConformance.checks.map(\.name))
    func keyStoreConformance(_ name: String) async throws {
        let check = try #require(KeyStoreConformance.checks.first { $0.name == name }).check
        try await check(try Self.freshStore())
    }

    @Test(arguments: AlertStoreConformance.checks.map(\.name))
    func alertStoreConformance(_ name: String) async throws {
        let check = try #require(AlertStoreConformance.checks.first { $0.name == name }).check
        try await check(try Self.freshStore())
    }

    @Test func reopeningKeepsEverything() async throws {
        let path = try Self.freshPath()
        do {
            let store = try SQLiteNewsStore(path: path)
            _ = try await store.ingest([AlertStoreConformance.article("Kept", story: "s", alerts: [AlertStoreConformance.pending("k1", "r1")])])
        }
        let reopened = try SQLiteNewsStore(path: path)
        #expect(try await reopened.count() == 1)
        #expect(try await reopened.search(.init(text: "kept")).articles.map(\.title) == ["Kept"])
        // An alert still in the outbox when the store closed is filed after it opens again.
        #expect(try await reopened.fanOutAlerts(maxAlerts: 100).keys == ["k1"])
        #expect(try await reopened.alerts(keyID: "k1", after: 0, limit: 10).map(\.1?.title) == ["Kept"])
    }

    /// A store made before the alert outbox (migration v5) opens with its alerts readable under the new index, and
    /// a story's rule still fires once across the upgrade.
    @Test func aStoreFromBeforeTheOutboxKeepsItsAlerts() async throws {
        let path = try Self.freshPath()
        do {
            let old = try DatabaseQueue(path: path)
            try NewsMigrations.migrator.migrate(old, upTo: "v5: watchlists, rules, webhooks, alerts and deliveries")
            try await old.write { db in
                try db.execute(
                    sql: "INSERT INTO alert (keyID, ruleID, ruleName, articleSeq, story, created) VALUES ('k1', 'r1', 'rule r1', 1, 's', 0)")
            }
        }
        let store = try SQLiteNewsStore(path: path)
        #expect(try await store.alerts(keyID: "k1", after: 0, limit: 10).map(\.0.ruleID) == ["r1"])
        _ = try await store.ingest([
            AlertStoreConformance.article(
                "Later", story: "s", alerts: [AlertStoreConformance.pending("k1", "r1"), AlertStoreConformance.pending("k1", "r2")])
        ])
        while try await store.fanOutAlerts(maxAlerts: 100).more {}
        #expect(try await store.alerts(keyID: "k1", after: 0, limit: 10).map(\.0.ruleID) == ["r1", "r2"], "r1 fired for story s before")
    }
}
