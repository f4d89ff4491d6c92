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
            // PostgresNIO's errors describe themselves in full only when asked.
            Issue.record("\(String(reflecting: error))")
            return
        }
        try await store.dropSchema()
        store.close()
    }

    /// Two nodes ingesting the same articles at the same moment store each once; sequence numbers commit in order
    /// (the write lock), so a reader catching up from a cursor misses none.
    @Test func twoNodesIngestingTheSameArticlesStoreEachOnce() async throws {
        try await Self.withFreshStore { first in
            let second = try await PostgresNewsStore.open(url: try #require(TestPostgres.url), schema: first.schemaName ?? "")
            defer { second.close() }
            let articles = (0..<200).map { NewsStoreConformance.incoming("Shared story \($0)", "Body \($0) of a shared story.", guid: "sh\($0)") }
            #expect(try await first.newestSeq() == 0)
            async let a = first.ingest(articles)
            async let b = second.ingest(articles)
            let (ra, rb) = try await (a, b)
            #expect(zip(ra, rb).allSatisfy { $0.seq == $1.seq })
            #expect(try await first.count() == 200)
            // The reader catching up sees them all, in order.
            var seen: [Int64] = []
            var cursor: Int64 = 0
            while true {
                let page = try await second.search(NewsQuery(after: cursor, limit: 64)).articles.map(\.seq)
                guard let last = page.last else { break }
                seen += page
                cursor = last
            }
            #expect(seen == seen.sorted() && seen.count == 200)
            #expect(try await second.newestSeq() == seen.last)
        }
    }

    /// Nodes stem articles' words themselves (`TextVector`), and PostgreSQL reads searches: the two must agree, or a
    /// search misses. Checked on 73,000 English words (the tagger's word list), 33,000 company names, one body past
    /// PostgreSQL's last position with words far over its 256 positions and words at its length limit, and sentences written for the hard cases.
    @Test func wordsStemmedOnTheNodeAreThoseOfPostgres() async throws {
        let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/NewsAnalysis/Resources")
        let words = try String(contentsOf: resources.appendingPathComponent("common-words.txt"), encoding: .utf8).split(separator: "\n")
        let names = try String(contentsOf: resources.appendingPathComponent("securities.tsv"), encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("#") }.map { $0.split(separator: "\t", omittingEmptySubsequences: false)[2] }
        var articles: [StoredArticle.Incoming] = []
        for (k, start) in stride(from: 0, to: words.count, by: 2000).enumerated() {
            let title = names[(k * 40)..<(k * 40 + 40)].joined(separator: " ")
            articles.append(NewsStoreConformance.incoming(title, words[start..<min(start + 2000, words.count)].joined(separator: " "), guid: "w\(k)"))
        }
        for (k, start) in stride(from: 2000, to: names.count, by: 2000).enumerated() {
            articles.append(
                NewsStoreConformance.incoming("Names \(k)", names[start..<min(start + 2000, names.count)].joined(separator: ", "), guid: "n\(k)"))
        }
        // Past the last position, and words just under and at PostgreSQL's length limit (2,047 bytes).
        let long =
            (0..<5000).map { "Rates \($0) rose, and the yield fell; " }.joined()
            + " \(String(repeating: "b", count: 2046)) \(String(repeating: "c", count: 2047))"
        articles.append(NewsStoreConformance.incoming("Rates rose as rates fell", long, guid: "long"))
        let hard = [
            "Apple's shares (AAPL) fell 1.4% to $277.96 on 1,000,000 volume; COVID-19 hit Q4 2021-03-04 results.",
            "The U.S.-China e-commerce deal: see www.example.com/markets/x.html or mail ir@example.com, v1.2.3, 1e5, 3rd.",
            "Müller's naïve Straße deal in İstanbul; ΑΘΗΝΑ and 東京 listings; ١٢٣ and x²y and ½ of it — “quoted” words…",
            "skis skies dying lying tying idly gently ugly early only singly sky news howe atlas cosmos bias andes",
            "inning innings outing outings canning herring earrings proceeding exceeded succeeds generously communism arsenals",
            "caresses ponies ties cries gaps gas kiwis agreed feed hoping hopped filing luxuriously bled sized conflated troubled",
            "relational conditional rational valency hesitancy digitizer conformably radically differently vilely analogously",
            "fully carelessly electrically sensibility vietnamization predication operator feudalism decisiveness hopefulness",
            "callousness formality sensitivity triplicate formative formalize electricity electrical hopeful goodness revival",
            "allowance inference airliner gyroscopic adjustable defensible irritant replacement adjustment dependent adoption",
            "homologous communism activate angularity effective bowdlerize probate rate cease controlling rolling yyy ayy eye",
        ]
        articles += hard.enumerated().map { NewsStoreConformance.incoming("Hard case \($0.offset)", $0.element, guid: "h\($0.offset)") }
        try await Self.withFreshStore { store in
            for start in stride(from: 0, to: articles.count, by: 25) {
                _ = try await store.ingest(Array(articles[start..<min(start + 25, articles.count)]))
            }
            #expect(try await store.count() == articles.count)
            for (seq, stored, postgres) in try await store.wordsDifferingFromPostgres().prefix(5) {
                let ours = Set(stored.split(separator: " ")), theirs = Set(postgres.split(separator: " "))
                Issue.record(
                    "article \(seq): only here \(ours.subtracting(theirs).sorted().prefix(20)), only in PostgreSQL \(theirs.subtracting(ours).sorted().prefix(20))"
                )
            }
        }
    }

    /// Articles land in the partition of the month they arrived in, made as that month comes.
    @Test func articlesArePartitionedByMonth() async throws {
        try await Self.withFreshStore { store in
            var a = NewsStoreConformance.incoming("From March", guid: "m1")
            a.received = Date(timeIntervalSince1970: 1_709_251_200)  // 2024-03-01T00:00:00Z
            var b = NewsStoreConformance.incoming("From April", guid: "m2")
            b.received = Date(timeIntervalSince1970: 1_711_929_600)  // 2024-04-01T00:00:00Z
            _ = try await store.ingest([a, b])
            #expect(try await store.partitionCounts() == ["article_2024_03": 1, "article_2024_04": 1])
        }
    }

    /// Long texts are compressed with lz4, several times faster to write than PostgreSQL's default pglz (Debian's
    /// PostgreSQL, which CI runs, is built with it).
    @Test func longBodiesAreCompressedWithLZ4() async throws {
        try await Self.withFreshStore { store in
            let body = (0..<400).map { "Paragraph \($0) of a long story about earnings and guidance." }.joined(separator: "\n")
            _ = try await store.ingest([NewsStoreConformance.incoming("A long story", body, guid: "long")])
            #expect(try await store.bodyCompression() == ["lz4": 1])
        }
    }

    /// PostgreSQL text cannot hold NUL: it is dropped, and the rest of the article kept.
    @Test func aNULCharacterIsDroppedNotTheArticle() async throws {
        try await Self.withFreshStore { store in
            let outcome = try await store.ingest([NewsStoreConformance.incoming("Zero\u{0}Width", "Body with a \u{0} in it.", guid: "nul")])
            let seq = try #require(outcome.first?.seq)
            let stored = try #require(try await store.article(seq))
            #expect(stored.title == "ZeroWidth")
            #expect(stored.body == "Body with a  in it.")
        }
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

/// The PostgreSQL server the tests may use, and its TLS certificate (self-signed: its own root).
enum TestPostgres {
    static let url = ProcessInfo.processInfo.environment["TICKERWIRE_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    static let certificate = ProcessInfo.processInfo.environment["TICKERWIRE_TEST_POSTGRES_CA"].flatMap { $0.isEmpty ? nil : $0 }
}

/// `sslmode` as libpq reads it, against the throwaway server's self-signed certificate.
@Suite(.enabled(if: TestPostgres.url != nil && TestPostgres.certificate != nil, "set TICKERWIRE_TEST_POSTGRES and TICKERWIRE_TEST_POSTGRES_CA"))
struct PostgresTLSTests {
    static func url(_ params: String) throws -> String {
        try #require(TestPostgres.url).replacingOccurrences(of: "sslmode=disable", with: params)
    }

    @Test(arguments: [("sslmode=disable", false), ("sslmode=prefer", true), ("sslmode=require", true)])
    func encryptsAsAsked(params: String, encrypted: Bool) async throws {
        let store = try await PostgresNewsStore.open(url: try Self.url(params))
        defer { store.close() }
        #expect(try await store.isEncrypted() == encrypted)
    }

    /// `require` does not check the certificate (as libpq); `verify-full` does, and trusts the root it is given.
    @Test func verifyFullChecksTheCertificate() async throws {
        do {
            let store = try await PostgresNewsStore.open(url: try Self.url("sslmode=verify-full"))
            store.close()
            Issue.record("a self-signed certificate was trusted without sslrootcert")
        } catch {
            #expect("\(error)".contains("cannot connect"), "\(error)")
        }
        let store = try await PostgresNewsStore.open(url: try Self.url("sslmode=verify-full&sslrootcert=\(try #require(TestPostgres.certificate))"))
        defer { store.close() }
        #expect(try await store.isEncrypted())
    }
}

/// A database URL that cannot work is refused with what is wrong, before any connection is tried.
@Suite struct PostgresURLTests {
    @Test(arguments: [
        ("mysql://tw@db/tw", "is not a postgres:// URL"), ("postgres://tw@db/tw?sslmode=sometimes", "sslmode=sometimes"),
        ("postgres://tw@db/tw?schema=a;drop", "schema=a;drop must be letters"),
        ("postgres://tw@db/tw?sslmode=verify-full&sslrootcert=/nonexistent/ca.pem", "sslrootcert=/nonexistent/ca.pem is not a readable file"),
    ])
    func badURLsAreNamed(url: String, message: String) async {
        do {
            _ = try await PostgresNewsStore.open(url: url)
            Issue.record("\(url) was accepted")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }
}
