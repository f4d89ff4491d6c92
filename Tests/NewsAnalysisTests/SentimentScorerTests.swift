import NewsModel
import Testing

@testable import NewsAnalysis

/// Sentences written for these tests.
@Suite struct SentimentScorerTests {
    static func label(_ s: String) -> Sentiment.Label { NewsAnalyzer.sentiment(ofSentence: s).label }
    static func score(_ s: String) -> Double { NewsAnalyzer.sentiment(ofSentence: s).score }

    @Test(arguments: [
        "Quarterly revenue rose 12% to $4.1 billion, beating estimates.",
        "The company narrowed its net loss to $3 million from $9 million.",
        "Operating costs fell sharply as the plant was modernised.",
        "Analysts upgraded the stock after a record quarter.",
        "Net sales increased to EUR 210 million, up from EUR 180 million.",
    ])
    func goodNews(_ sentence: String) { #expect(Self.score(sentence) >= 0.15, "\(sentence)") }

    @Test(arguments: [
        "Quarterly revenue fell 8% and missed expectations.",
        "The net loss widened to $40 million.",
        "Regulators opened a probe into the lender's accounts.",
        "The company was added to a trade blacklist, raising the risk of delisting.",
        "Sales did not improve in the second half.",
    ])
    func badNews(_ sentence: String) { #expect(Self.score(sentence) <= -0.15, "\(sentence)") }

    @Test(arguments: [
        "The company is headquartered in Espoo, Finland.",
        "The agreement covers the delivery of two ships.",
        "The order is worth up to EUR 5 million.",
        "The board will meet on Thursday.",
    ])
    func neutralFacts(_ sentence: String) { #expect(Self.label(sentence) == .neutral, "\(sentence)") }

    @Test func negationTurnsAWordAround() {
        #expect(Self.score("Margins improved.") > 0)
        #expect(Self.score("Margins have not improved.") < 0)
    }

    @Test func theClauseAfterButWeighsMore() {
        #expect(Self.score("Revenue rose slightly, but profit fell sharply.") < 0)
        #expect(Self.score("Revenue fell slightly, but profit rose sharply.") > 0)
    }

    @Test func labelsFollowTheBands() {
        #expect(Sentiment(score: -0.4).label == .bearish)
        #expect(Sentiment(score: -0.2).label == .somewhatBearish)
        #expect(Sentiment(score: 0.1).label == .neutral)
        #expect(Sentiment(score: 0.2).label == .somewhatBullish)
        #expect(Sentiment(score: 0.35).label == .bullish)
    }

    @Test func instrumentsGetTheSentencesThatConcernThem() {
        let a = TestMaster.analyzer.analyze(
            Article(
                title: "",
                body: "Nvidia reported record revenue that beat estimates. Intel posted a wider loss and cut its dividend. "
                    + "The company also warned of weak demand."))
        let nvda = a.instruments.first { $0.instrument.symbol == "NVDA" }?.sentiment?.score ?? 0
        let intc = a.instruments.first { $0.instrument.symbol == "INTC" }?.sentiment?.score ?? 0
        #expect(nvda > 0.15)
        #expect(intc < -0.15)
    }
}
