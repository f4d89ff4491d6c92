import Foundation
import Testing

/// `tickerwire sources` as a user runs it: add, list, remove, a config file, and one round of polling.
@Suite(.serialized) struct SourcesCommandTests {
    @Test func addListRunOnceAndRemove() throws {
        let dir = try IngestCommandTests.tempDir()
        let data = dir.appendingPathComponent("data").path
        let inbox = dir.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        let drop = inbox.appendingPathComponent("morning.ndjson")
        try (IngestCommandTests.articles.joined(separator: "\n") + "\n").write(to: drop, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-60)], ofItemAtPath: drop.path)

        let added = try AnalyzeCommandTests.run(["sources", "add", "--data", data, inbox.path, "--interval", "5"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("directory \(inbox.path) as \"inbox\""), "\(added.stdout)")
        let bad = try AnalyzeCommandTests.run(["sources", "add", "--data", data, dir.appendingPathComponent("missing").path])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("no such folder"), "\(bad.stderr)")

        // A feed declared in the config file that nobody serves: it fails on its own and the folder is still read.
        let config = dir.appendingPathComponent("sources.json")
        try #"{"sources": [{"kind": "feed", "location": "http://127.0.0.1:9/rss", "name": "dead"}]}"#.write(
            to: config, atomically: true, encoding: .utf8)
        let run = try AnalyzeCommandTests.run(["sources", "run", "--once", "--data", data, "--config", config.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("inbox: 3 new of 3"), "\(run.stderr)")
        #expect(run.stderr.contains("dead: connection refused"), "\(run.stderr)")

        let list = try AnalyzeCommandTests.run(["sources", "list", "--data", data])
        let lines = list.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first { $0.contains("inbox") }?.contains("3 articles") == true, "\(list.stdout)")
        #expect(lines.first { $0.contains("dead") }?.contains("1 failures") == true, "\(list.stdout)")

        let again = try AnalyzeCommandTests.run(["sources", "run", "--once", "--data", data])
        #expect(!again.stderr.contains("new of"), "nothing is due yet: \(again.stderr)")
        let search = try AnalyzeCommandTests.run(["search", "--data", data, "--tickers", "NVDA"])
        #expect(search.stdout.contains("Nvidia raises guidance"), "\(search.stdout)")

        let removed = try AnalyzeCommandTests.run(["sources", "remove", "--data", data, "http://127.0.0.1:9/rss"])
        #expect(removed.status == 0, "\(removed.stderr)")
        let typo = try AnalyzeCommandTests.run(["sources", "run", "--data", data, "--config", dir.appendingPathComponent("nope.json").path])
        #expect(typo.status != 0)
        #expect(typo.stderr.contains("cannot be read"), "\(typo.stderr)")
    }
}
