import Foundation
import NewsModel
import Testing

@testable import NewsAnalysis

/// Sentences written for these tests, in wire-story shapes.
@Suite struct EventDetectorTests {
    static func events(_ body: String, title: String = "") -> [Event] {
        TestMaster.analyzer.analyze(Article(title: title, body: body)).events
    }

    static func number(_ e: Event?, _ key: String) -> Double? {
        if case .number(let v)? = e?.attribute(key) { return v }
        return nil
    }

    static func text(_ e: Event?, _ key: String) -> String? {
        if case .text(let v)? = e?.attribute(key) { return v }
        return nil
    }

    @Test func ratingUpgradeWithTargetsIsStructured() {
        let e = Self.events("Morgan Stanley upgrades Alibaba to Overweight, raises PT to $300 from $250.").first { $0.type == .analystRating }
        #expect(e?.instruments == ["BABA"])  // the broker is not the rated company
        #expect(Self.text(e, "firm") == "Morgan Stanley")
        #expect(Self.text(e, "action_company") == "Upgrades")
        #expect(Self.text(e, "rating_current") == "Overweight")
        #expect(Self.text(e, "action_pt") == "Raises")
        #expect(Self.number(e, "pt_prior") == 250)
        #expect(Self.number(e, "pt_current") == 300)
    }

    @Test func ratingKeptWithRaisedTarget() {
        let e = Self.events("Analysts at Truist kept a buy rating on Netflix while increasing their price target to $1,177.")
            .first { $0.type == .analystRating }
        #expect(e?.instruments == ["NFLX"])
        #expect(Self.text(e, "firm") == "Truist")
        #expect(Self.text(e, "action_company") == "Maintains")
        #expect(Self.text(e, "rating_current") == "Buy")
        #expect(Self.text(e, "action_pt") == "Raises")
        #expect(Self.number(e, "pt_current") == 1177)
    }

    @Test func downgradeReadsPriorAndCurrentRating() {
        let e = Self.events("Goldman Sachs downgraded Tesla to Neutral from Buy on Tuesday.").first { $0.type == .analystRating }
        #expect(Self.text(e, "action_company") == "Downgrades")
        #expect(Self.text(e, "rating_prior") == "Buy")
        #expect(Self.text(e, "rating_current") == "Neutral")
    }

    @Test func everydayWordsAreNotRatings() {
        #expect(!Self.events("Microsoft agreed to buy Activision Blizzard for $68.7 billion.").contains { $0.type == .analystRating })
        #expect(!Self.events("Apple will hold its annual meeting in March, the company said.").contains { $0.type == .analystRating })
    }

    @Test func priceActionCarriesSignedChangePriceAndSession() {
        let up = Self.events("Alibaba shares closed nearly 1.4% higher at $277.96 on Tuesday.").first { $0.type == .priceAction }
        #expect(Self.number(up, "change_percent") == 1.4)
        #expect(Self.number(up, "price") == 277.96)
        #expect(Self.text(up, "direction") == "up")
        #expect(Self.text(up, "session") == "close")
        let down = Self.events("Tesla stock fell 6% in premarket trading after the delivery report.").first { $0.type == .priceAction }
        #expect(Self.number(down, "change_percent") == -6)
        #expect(Self.text(down, "session") == "pre-market")
    }

    @Test func aMoveNeedsAFigure() {
        #expect(!Self.events("Shares of Boeing were in focus on Monday.").contains { $0.type == .priceAction })
    }

    @Test(arguments: [
        ("Microsoft agreed to acquire Activision Blizzard for $68.7 billion in cash.", Event.Kind.mergerAcquisition),
        ("Apple declared a quarterly dividend of $0.25 per share.", .dividend),
        ("Meta said it would cut 10,000 jobs in a second round of layoffs.", .layoffs),
        ("Nvidia announced a 10-for-1 stock split.", .stockSplit),
        ("The FDA approved Eli Lilly's Alzheimer's drug on Tuesday.", .regulatory),
        ("Shareholders filed a class action against Wells Fargo over its lending practices.", .legal),
        ("Lockheed Martin won a $7.8 billion contract to build F-35 jets.", .contract),
        ("Boeing appointed Kelly Ortberg as CEO, effective August 8.", .executiveChange),
        ("Bed Bath & Beyond filed for Chapter 11 bankruptcy protection.", .bankruptcy),
        ("Salesforce raised its full-year revenue guidance to $37.9 billion.", .guidance),
    ])
    func cueFamilies(sentence: String, type: Event.Kind) {
        #expect(Self.events(sentence).contains { $0.type == type }, "\(sentence)")
    }

    @Test func aSentenceWithoutACompanyGivesNoEvent() {
        #expect(Self.events("The Federal Reserve left interest rates unchanged and said sanctions would stay.").isEmpty)
    }

    @Test func eventsGoToTheCompaniesTheirSentenceNames() {
        let story = Self.events(TickerTaggerTests.wireStory.body, title: TickerTaggerTests.wireStory.title)
        let contract = story.first { $0.type == .contract }
        #expect(contract?.instruments == ["AMZN"])
        #expect(Self.number(contract, "amount") == 12_000_000)
        #expect(story.first { $0.type == .priceAction }?.instruments == ["BABA"])
        // "a blacklisted camera maker" in the title is not Alibaba.
        #expect(!story.contains { $0.type == .sanction && $0.instruments.contains("BABA") })
    }

    @Test func theSeedArticleGetsItsEvents() throws {
        let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../../shared/seeds/000_6ef888f17c8aff6d.txt")
        guard let raw = try? String(contentsOf: seed, encoding: .utf8) else { return }  // the tests must pass without ../shared
        let lines = raw.split(separator: "\n", maxSplits: 1)
        let a = TestMaster.analyzer.analyze(Article(title: String(lines[0]), body: String(lines[1])))
        func first(_ t: Event.Kind) -> Event? { a.events.first { $0.type == t } }
        #expect(first(.investment)?.instruments == ["BABA"])
        #expect(Self.number(first(.investment), "amount") == 440_000_000)
        #expect(a.events.contains { $0.type == .sanction && $0.instruments == ["002236.SZ"] })
        #expect(first(.contract)?.instruments.contains("AMZN") == true)
        #expect(first(.delisting)?.instruments == ["BABA", "JD"])
        #expect(a.events.contains { $0.type == .offering && $0.instruments.contains("YUMC") })
        #expect(Self.number(first(.priceAction), "change_percent") == 1.4)
        #expect(a.flags.map(\.type) == [.figureMismatch])
    }
}
