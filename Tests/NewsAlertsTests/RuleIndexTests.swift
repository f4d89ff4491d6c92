import Testing

@testable import NewsAlerts

@Suite struct RuleIndexTests {
    static func article(
        _ tickers: [String: Int], events: Set<String> = [], sentiment: Double = 0, novelty: Int = 100, title: String = "", body: String = ""
    ) -> ArticleFeatures {
        ArticleFeatures(
            relevance: tickers, events: events, sentiment: sentiment, novelty: novelty, titleWords: ArticleFeatures.words(title),
            bodyWords: ArticleFeatures.words(body))
    }

    static let rules = [
        "ticker:BABA event:sanction", "ticker:BABA relevance>=75", "ticker:AMZN sentiment<-0.5", #""share buyback" -ticker:(GME OR AMC)"#,
        "ticker:(AAPL OR MSFT)", "event:earnings", "title:guidance", "sentiment<-0.8", "NOT ticker:TSLA", "buyb*", "ticker:@core novelty>=100",
    ]

    func index() throws -> (RuleIndex, [RuleIndex.RuleID]) {
        var index = RuleIndex()
        index.watchlists["core"] = ["NVDA", "AMD"]
        let ids = try Self.rules.map { index.add(try RuleParser.parse($0)) }
        return (index, ids)
    }

    @Test func matchesWhatTheRulesSayAndNothingElse() throws {
        let (index, ids) = try index()
        func fired(_ a: ArticleFeatures) -> Set<String> { Set(index.matches(a).map { Self.rules[Int($0)] }) }
        #expect(
            fired(Self.article(["BABA": 90], events: ["sanction"])) == ["ticker:BABA event:sanction", "ticker:BABA relevance>=75", "NOT ticker:TSLA"])
        #expect(fired(Self.article(["BABA": 40])) == ["NOT ticker:TSLA"], "relevance 40 is under 75")
        #expect(fired(Self.article(["TSLA": 90], sentiment: -0.9)) == ["sentiment<-0.8"])
        #expect(
            fired(Self.article(["GME": 80, "TSLA": 50], body: "GameStop announced a share buyback.")) == ["buyb*"], "the phrase rule excludes GME")
        #expect(
            fired(Self.article(["TSLA": 80], title: "Tesla raises guidance", body: "A new share buyback.")) == [
                #""share buyback" -ticker:(GME OR AMC)"#, "title:guidance", "buyb*",
            ])
        #expect(fired(Self.article(["NVDA": 95, "TSLA": 10], novelty: 100)) == ["ticker:@core novelty>=100"])
        #expect(fired(Self.article(["NVDA": 95, "TSLA": 10], novelty: 60)).isEmpty)
        #expect(fired(Self.article(["MSFT": 60, "TSLA": 1], events: ["earnings"])) == ["ticker:(AAPL OR MSFT)", "event:earnings"])
        #expect(index.count == ids.count)
        #expect(index.fallbackCount == 3, "sentiment<-0.8, NOT ticker:TSLA and buyb* have nothing to index")
    }

    @Test func agreesWithTheNaiveLoopAndRemovesIncrementally() throws {
        var (index, ids) = try index()
        let samples = [
            Self.article(["BABA": 90, "AMZN": 80], events: ["sanction", "earnings"], sentiment: -0.6, title: "guidance cut", body: "share buyback"),
            Self.article(["AMC": 50], body: "no share buyback here"), Self.article([:], sentiment: -0.85), Self.article(["AAPL": 70, "TSLA": 70]),
        ]
        for a in samples { #expect(index.matches(a) == index.matchesByScanning(a)) }
        index.remove(ids[4])
        index.remove(ids[7])
        #expect(index.count == ids.count - 2)
        #expect(!index.matches(samples[3]).contains(ids[4]))
        #expect(index.fallbackCount == 2)
        let again = index.add(try RuleParser.parse("ticker:AAPL"))
        #expect(again == ids[7] || again == ids[4], "freed ids are reused")
        for a in samples { #expect(index.matches(a) == index.matchesByScanning(a)) }
    }
}

@Suite struct ThresholdRuleTests {
    @Test func thresholdRulesMatchLikeTheEvaluatorAtEveryValue() throws {
        var index = RuleIndex()
        var rules: [String] = []
        for t in [0, 50, 75, 90, 100] {
            for op in [">=", ">", "<=", "<"] { rules.append("ticker:AAPL relevance\(op)\(t)") }
        }
        for s in ["-0.5", "0", "0.3"] {
            for op in [">=", ">", "<=", "<"] { rules.append("event:layoffs sentiment\(op)\(s)") }
        }
        rules += ["novelty>=60 ticker:MSFT", "ticker:AAPL relevance=75"]
        for r in rules { index.add(try RuleParser.parse(r)) }
        for relevance in [0, 40, 50, 75, 90, 100] {
            for sentiment in [-0.8, -0.5, 0, 0.3, 0.9] {
                let a = RuleIndexTests.article(["AAPL": relevance, "MSFT": 10], events: ["layoffs"], sentiment: sentiment, novelty: 60)
                #expect(index.matches(a) == index.matchesByScanning(a), "relevance \(relevance), sentiment \(sentiment)")
            }
        }
        // The ticker's own relevance counts, not another's.
        let other = RuleIndexTests.article(["AAPL": 20, "MSFT": 95])
        #expect(!index.matches(other).contains(try #require(rules.firstIndex(of: "ticker:AAPL relevance>=90")).rule))
    }
}

extension Int {
    fileprivate var rule: RuleIndex.RuleID { RuleIndex.RuleID(self) }
}
