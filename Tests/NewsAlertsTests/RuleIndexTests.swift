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
    static let watchlists: [String: Set<String>] = ["core": ["NVDA", "AMD"]]

    /// The index's answer beside every rule checked in full, both sorted.
    static func agree(_ index: RuleIndex, _ rules: [RuleIndex.RuleID: RuleExpression], _ a: ArticleFeatures) -> Bool {
        let naive = rules.filter { $0.value.matches(a, watchlists: watchlists) }.keys.sorted()
        return index.matches(a).sorted() == naive
    }

    func index() throws -> (RuleIndex, [RuleIndex.RuleID]) {
        var index = RuleIndex()
        let ids = try Self.rules.map { index.add(try RuleParser.parse($0), watchlists: Self.watchlists) }
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
        #expect(fired(Self.article(["TSLA": 80], body: "A share, then a buyback.")) == ["buyb*"], "the phrase's words must be in a row")
        #expect(fired(Self.article(["NVDA": 95, "TSLA": 10], novelty: 100)) == ["ticker:@core novelty>=100"])
        #expect(fired(Self.article(["NVDA": 95, "TSLA": 10], novelty: 60)).isEmpty)
        #expect(fired(Self.article(["MSFT": 60, "AAPL": 5, "TSLA": 1], events: ["earnings"])) == ["ticker:(AAPL OR MSFT)", "event:earnings"])
        #expect(index.matches(Self.article(["MSFT": 60, "AAPL": 5, "TSLA": 1])).count == 1, "a rule under two of the article's keys fires once")
        #expect(index.count == ids.count)
        #expect(index.fallbackCount == 3, "sentiment<-0.8, NOT ticker:TSLA and buyb* have nothing to index")
    }

    @Test func agreesWithTheNaiveLoopAndRemovesIncrementally() throws {
        var (index, ids) = try index()
        var rules = Dictionary(uniqueKeysWithValues: try zip(ids, Self.rules.map { try RuleParser.parse($0) }))
        let samples = [
            Self.article(["BABA": 90, "AMZN": 80], events: ["sanction", "earnings"], sentiment: -0.6, title: "guidance cut", body: "share buyback"),
            Self.article(["AMC": 50], body: "no share buyback here"), Self.article([:], sentiment: -0.85), Self.article(["AAPL": 70, "TSLA": 70]),
        ]
        for a in samples { #expect(Self.agree(index, rules, a)) }
        for id in [ids[4], ids[7]] {
            index.remove(id)
            rules[id] = nil
        }
        #expect(index.count == ids.count - 2)
        #expect(!index.matches(samples[3]).contains(ids[4]))
        #expect(index.fallbackCount == 2)
        let again = index.add(try RuleParser.parse("ticker:AAPL"))
        rules[again] = try RuleParser.parse("ticker:AAPL")
        #expect(again == ids[7] || again == ids[4], "freed ids are reused")
        for a in samples { #expect(Self.agree(index, rules, a)) }
    }

    /// Thousands of rules of every shape, made from a small vocabulary so that they often meet, against articles made
    /// the same way: the index must say exactly what checking every rule says, before and after half are removed
    /// (which also compacts the compiled programs).
    @Test func agreesWithTheNaiveLoopOnManyRandomRules() throws {
        var rng = SystemRandomNumberGenerator()
        let tickers = ["AAPL", "MSFT", "BABA", "JD", "TSLA"]
        let events = ["earnings", "sanction", "layoffs", "analyst_rating"]
        let words = ["share", "buyback", "guidance", "cut", "record", "probe", "deal"]
        func pick(_ xs: [String]) -> String { xs.randomElement(using: &rng)! }
        func primary() -> String {
            switch Int.random(in: 0..<12, using: &rng) {
            case 0: "ticker:\(pick(tickers))"
            case 1: "event:\(pick(events))"
            case 2: "\(pick(words))"
            case 3: "\"\(pick(words)) \(pick(words))\""
            case 4: "title:\(pick(words))"
            case 5: "body:\"\(pick(words)) \(pick(words)) \(pick(words))\""
            case 6: "relevance\([">=", ">", "<", "<=", "="].randomElement(using: &rng)!)\([0, 50, 75, 100].randomElement(using: &rng)!)"
            case 7: "sentiment\([">=", "<"].randomElement(using: &rng)!)\([-0.5, 0, 0.5].randomElement(using: &rng)!)"
            case 8: "novelty>=\([50, 100].randomElement(using: &rng)!)"
            case 9: "-ticker:\(pick(tickers))"
            case 10: "ticker:(\(pick(tickers)) OR \(pick(tickers)))"
            default: "gui*"
            }
        }
        func rule() -> String {
            let parts = (0..<Int.random(in: 1...3, using: &rng)).map { _ in primary() }
            return Bool.random(using: &rng) || parts.count == 1
                ? parts.joined(separator: " ") : "(\(parts[0])) OR (\(parts.dropFirst().joined(separator: " ")))"
        }
        func article() -> ArticleFeatures {
            var relevance: [String: Int] = [:]
            for _ in 0..<Int.random(in: 0...3, using: &rng) { relevance[pick(tickers)] = [10, 50, 75, 90, 100].randomElement(using: &rng)! }
            let text = { (n: Int) in (0..<n).map { _ in pick(words) }.joined(separator: " ") }
            return Self.article(
                relevance, events: Set((0..<Int.random(in: 0...2, using: &rng)).map { _ in pick(events) }),
                sentiment: [-0.7, -0.5, 0, 0.5, 0.9].randomElement(using: &rng)!, novelty: [40, 50, 100].randomElement(using: &rng)!,
                title: text(4), body: text(Int.random(in: 0...12, using: &rng)))
        }
        var index = RuleIndex()
        var rules: [RuleIndex.RuleID: RuleExpression] = [:]
        for _ in 0..<3000 {
            let text = rule()
            let e = try RuleParser.parse(text)
            rules[index.add(e)] = e
        }
        for _ in 0..<300 {
            let a = article()
            #expect(Self.agree(index, rules, a), "\(a)")
        }
        for id in rules.keys.shuffled(using: &rng).prefix(1500) {
            index.remove(id)
            rules[id] = nil
        }
        #expect(index.count == rules.count)
        for _ in 0..<300 { #expect(Self.agree(index, rules, article())) }
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
        rules += ["novelty>=60 ticker:MSFT", "ticker:AAPL relevance=75", "event:layoffs relevance>=50", "event:layoffs relevance<30"]
        var expressions: [RuleIndex.RuleID: RuleExpression] = [:]
        for r in rules {
            let e = try RuleParser.parse(r)
            expressions[index.add(e)] = e
        }
        for relevance in [0, 40, 50, 75, 90, 100] {
            for sentiment in [-0.8, -0.5, 0, 0.3, 0.9] {
                let a = RuleIndexTests.article(["AAPL": relevance, "MSFT": 10], events: ["layoffs"], sentiment: sentiment, novelty: 60)
                #expect(RuleIndexTests.agree(index, expressions, a), "relevance \(relevance), sentiment \(sentiment)")
            }
        }
        // The ticker's own relevance counts, not another's.
        let other = RuleIndexTests.article(["AAPL": 20, "MSFT": 95])
        #expect(!index.matches(other).contains(RuleIndex.RuleID(try #require(rules.firstIndex(of: "ticker:AAPL relevance>=90")))))
    }
}
