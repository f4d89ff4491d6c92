import Foundation
import Testing

/// `tickerwire ingest` and `search` as a user runs them, on a store in a temporary folder. Texts are written for
/// these tests.
@Suite(.serialized) struct IngestCommandTests {
    static func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tickerwire-ingest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static let articles = [
        #"{"id": "a1", "source": "wire", "title": "Nvidia raises guidance", "body": "Nvidia Corp NVDA raised its full-year revenue guidance as data center demand grew.", "published": "2024-05-22T20:00:00Z"}"#,
        #"{"id": "a2", "source": "wire", "title": "Intel to cut jobs", "body": "Intel Corp INTC plans to cut 15% of its workforce, the chipmaker said.", "published": "2024-08-01T20:00:00Z"}"#,
        #"{"id": "a3", "source": "wire", "title": "Apple unveils a new phone", "body": "Apple Inc AAPL unveiled the iPhone 16 at its September event.", "published": "2024-09-09T17:00:00Z"}"#,
    ]

    @Test func ingestIsIdempotentAndSearchFindsWhatWasStored() throws {
        let dir = try Self.tempDir()
        let file = dir.appendingPathComponent("news.ndjson")
        try (Self.articles.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let data = dir.appendingPathComponent("data").path

        let first = try AnalyzeCommandTests.run(["ingest", "--data", data, file.path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("3 added, 0 updated, 0 duplicate, 0 rejected"), "\(first.stdout)")
        #expect(FileManager.default.fileExists(atPath: data + "/tickerwire.sqlite"))

        let again = try AnalyzeCommandTests.run(["ingest", "--data", data, file.path])
        #expect(again.stdout.contains("0 added, 0 updated, 3 duplicate, 0 rejected"), "\(again.stdout)")

        // The same id with new text is an update, not a new article.
        let changed = Self.articles[1].replacingOccurrences(of: "15%", with: "20%")
        try (changed + "\n").write(to: file, atomically: true, encoding: .utf8)
        let update = try AnalyzeCommandTests.run(["ingest", "--data", data, file.path])
        #expect(update.stdout.contains("0 added, 1 updated, 0 duplicate, 0 rejected"), "\(update.stdout)")

        let byTicker = try AnalyzeCommandTests.run(["search", "--data", data, "--tickers", "INTC"])
        #expect(byTicker.stdout.contains("Intel to cut jobs"), "\(byTicker.stdout)")
        #expect(!byTicker.stdout.contains("Nvidia"))
        let byText = try AnalyzeCommandTests.run(["search", "--data", data, "data center"])
        #expect(byText.stdout.contains("Nvidia raises guidance"), "\(byText.stdout)")
        let byEvent = try AnalyzeCommandTests.run(["search", "--data", data, "--events", "layoffs"])
        #expect(byEvent.stdout.contains("Intel to cut jobs"), "\(byEvent.stdout)")
        let byDate = try AnalyzeCommandTests.run(["search", "--data", data, "--from", "2024-09-01", "--to", "2024-10-01"])
        #expect(byDate.stdout.contains("Apple unveils") && !byDate.stdout.contains("Intel"), "\(byDate.stdout)")

        let csv = try AnalyzeCommandTests.run(["export", "--data", data, "--tickers", "INTC,NVDA"]).stdout.split(separator: "\n")
        #expect(csv.first?.hasPrefix("seq,published,symbol,exchange,relevance") == true)
        #expect(csv.count == 3, "\(csv)")  // header, NVDA (oldest first), INTC
        #expect(csv.dropFirst().first?.contains(",NVDA,") == true)
        #expect(csv.last?.contains(",INTC,") == true && csv.last?.contains("layoffs") == true, "\(csv)")
    }

    @Test func badRecordsAreRejectedWithReasonsAndTheRestStored() throws {
        let dir = try Self.tempDir()
        let file = dir.appendingPathComponent("mixed.ndjson")
        try ([Self.articles[0], #"{"title": "#, #"{"title": 42}"#, Self.articles[2]].joined(separator: "\n") + "\n")
            .write(to: file, atomically: true, encoding: .utf8)
        let data = dir.appendingPathComponent("data").path
        let r = try AnalyzeCommandTests.run(["ingest", "--data", data, file.path])
        #expect(r.status == 1)
        #expect(r.stdout.contains("2 added, 0 updated, 0 duplicate, 2 rejected"), "\(r.stdout)")
        #expect(r.stdout.contains("mixed.ndjson:2"), "\(r.stdout)")
        #expect(r.stdout.contains("mixed.ndjson:3"), "\(r.stdout)")
    }

    @Test func searchWithoutAStoreSaysWhatToDo() throws {
        let dir = try Self.tempDir()
        let r = try AnalyzeCommandTests.run(["search", "--data", dir.path, "anything"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("run `tickerwire ingest"), "\(r.stderr)")
    }
}
