import Foundation
import Testing

/// `tickerwire rules check` and `rules test` as a user runs them.
@Suite struct RulesCommandTests {
    @Test func checkShowsTheGroupingOrWhereTheErrorIs() throws {
        let ok = try AnalyzeCommandTests.run(["rules", "check", #""share buyback" -ticker:(GME OR AMC)"#])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains(#"("share buyback" AND NOT (ticker:GME OR ticker:AMC))"#), "\(ok.stdout)")
        let bad = try AnalyzeCommandTests.run(["rules", "check", "ticker:AAPL AND (event:earnings"])
        #expect(bad.status == 1)
    }

    @Test func testListsTheArticlesTheRuleCatchesAndWhy() throws {
        let ndjson = [
            #"{"id": "n1", "title": "Nvidia raises guidance", "body": "Nvidia Corp (NASDAQ: NVDA) raised its revenue guidance for the quarter."}"#,
            #"{"id": "n2", "title": "Ford recalls trucks", "body": "Ford Motor Co (NYSE: F) recalled 100,000 trucks over a brake fault."}"#,
            #"{"id": "n3", "title": "Nvidia unveils a chip", "body": "Nvidia Corp (NASDAQ: NVDA) unveiled a new chip for data centers."}"#,
        ].joined(separator: "\n")
        let file = try IngestCommandTests.tempDir().appendingPathComponent("articles.ndjson")
        try ndjson.write(to: file, atomically: true, encoding: .utf8)
        let r = try AnalyzeCommandTests.run(["rules", "test", "ticker:@chips relevance>=50", file.path, "--watchlist", "chips=NVDA,AMD"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("[n1]") && r.stdout.contains("[n3]") && !r.stdout.contains("[n2]"), "\(r.stdout)")
        #expect(r.stdout.contains("why: ticker:@chips (NVDA)"), "\(r.stdout)")
        #expect(r.stdout.contains("2 of 3 articles match"))
        let missing = try AnalyzeCommandTests.run(["rules", "test", "ticker:@chips", file.path])
        #expect(missing.status != 0 && missing.stderr.contains("--watchlist chips="), "\(missing.stderr)")
    }
}
