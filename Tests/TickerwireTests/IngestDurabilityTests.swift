import Foundation
import NewsStore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// kill -9 during a bulk ingest, then the same ingest again: every article acknowledged before the kill is stored,
/// and at the end every article is stored exactly once.
@Suite(.serialized) struct IngestDurabilityTests {
    @Test func killDuringIngestLosesNothingAndDoublesNothing() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tickerwire-durability-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("bulk.ndjson")
        let total = 4000
        var lines: [String] = []
        for k in 0..<total {
            let body = "Apple Inc AAPL said item \(k) shipped on time. Shares rose \(k % 9 + 1)% in early trading."
            lines.append(#"{"id": "k\#(k)", "source": "bulk", "title": "Apple update \#(k)", "body": "\#(body)"}"#)
        }
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let data = dir.appendingPathComponent("data").path
        let acks = dir.appendingPathComponent("acks.txt").path

        // The first run, killed once some batches have committed.
        let p = Process()
        p.executableURL = AnalyzeCommandTests.binary
        p.arguments = ["ingest", "--data", data, "--batch", "100", "--acks", acks, "--quiet", file.path]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        var acked: [String] = []
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            acked = ((try? String(contentsOfFile: acks, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
            if acked.count >= 300 || !p.isRunning { break }
            usleep(20_000)
        }
        #expect(p.isRunning, "the ingest finished before it could be killed; make the input bigger")
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        acked = ((try? String(contentsOfFile: acks, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        #expect(acked.count >= 300)

        // Every acknowledged article survived the kill.
        let afterKill = try await Self.storedIDs(data)
        #expect(Set(acked).isSubset(of: Set(afterKill)))
        #expect(afterKill.count < total)

        // The same ingest again: the rest arrive, nothing twice.
        let again = try AnalyzeCommandTests.run(["ingest", "--data", data, "--quiet", file.path])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("\(total - afterKill.count) added, 0 updated, \(afterKill.count) duplicate, 0 rejected"), "\(again.stdout)")
        let final = try await Self.storedIDs(data)
        #expect(final.count == total)
        #expect(Set(final).count == total)
        #expect(Set(final) == Set((0..<total).map { "k\($0)" }))
    }

    /// The provider ids of every stored article, read through the store in sequence order.
    static func storedIDs(_ data: String) async throws -> [String] {
        let store = try SQLiteNewsStore(path: data + "/tickerwire.sqlite")
        var ids: [String] = []
        var after: Int64 = 0
        while true {
            let page = try await store.search(NewsQuery(after: after, limit: NewsQuery.maxLimit))
            ids += page.articles.compactMap(\.externalID)
            guard let last = page.articles.last, page.articles.count == NewsQuery.maxLimit else { break }
            after = last.seq
        }
        return ids
    }
}
