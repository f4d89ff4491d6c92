import Foundation
import NewsModel
import NewsStore
import NewsStorePostgres
import Testing

/// The conformance suite against PostgreSQL: the server at `TICKERWIRE_TEST_POSTGRES` (`scripts/test` starts a
/// throwaway one), each check in a fresh schema of its own, dropped after.
@Suite(.enabled(if: TestPostgres.url != nil, "set TICKERWIRE_TEST_POSTGRES (scripts/test starts a throwaway PostgreSQL)"))
struct PostgresNewsStoreTests {

    /// Runs `body` with a store in a schema of its own, then drops the schema.
    static func withFreshStore(_ body: (PostgresNewsStore) async throws -> Void) async throws {
        let schema = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let store = try await PostgresNewsStore.open(url: try #require(TestPostgres.url), schema: String(schema))
        do {
            try await body(store)
        } catch {
            try? await store.dropSchema()
            store.close()
            throw error
        }
        try await store.dropSchema()
        store.close()
    }

    @Test(arguments: NewsStoreConformance.checks.map(\.name))
    func conformance(_ name: String) async throws {
        let check = try #require(NewsStoreConformance.checks.first { $0.name == name }).check
        try await Self.withFreshStore { try await check($0) }
    }

    @Test(arguments: SourceRegistryConformance.checks.map(\.name))
    func sourceRegistryConformance(_ name: String) async throws {
        let check = try #require(SourceRegistryConformance.checks.first { $0.name == name }).check
        try await Self.withFreshStore { try await check($0) }
    }

    @Test(arguments: KeyStoreConformance.checks.map(\.name))
    func keyStoreConformance(_ name: String) async throws {
        let check = try #require(KeyStoreConformance.checks.first { $0.name == name }).check
        try await Self.withFreshStore { try await check($0) }
    }

    @Test(arguments: AlertStoreConformance.checks.map(\.name))
    func alertStoreConformance(_ name: String) async throws {
        let check = try #require(AlertStoreConformance.checks.first { $0.name == name }).check
        try await Self.withFreshStore { try await check($0) }
    }
}

/// The PostgreSQL server the tests may use.
enum TestPostgres {
    static let url = ProcessInfo.processInfo.environment["TICKERWIRE_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
}
