import NewsModel
import Testing

@testable import NewsAnalysis

/// Texts written for these tests.
@Suite struct StoryIndexTests {
    static let wire = """
        Acme Robotics said on Monday it would buy the drone maker SkyLift for $1.2 billion in cash, expanding its \
        delivery business. The deal, approved by both boards, is expected to close in the third quarter. Acme shares \
        rose 3% in early trading as analysts said the price looked fair for a company with SkyLift's growth.
        """

    static func analyzed(_ title: String, _ body: String) -> AnalyzedArticle {
        TestMaster.analyzer.analyze(Article(title: title, body: body))
    }

    @Test func copiesJoinTheFirstStoryAndLoseNovelty() {
        var index = StoryIndex()
        var first = Self.analyzed("Acme To Buy SkyLift For $1.2B", Self.wire)
        var copy = Self.analyzed("Acme To Buy SkyLift For $1.2B", Self.wire + " (Reporting by a wire desk.)")
        var second = Self.analyzed("Acme buys SkyLift", Self.wire.replacingOccurrences(of: "Monday", with: "Tuesday"))
        var other = Self.analyzed("Weather", "Heavy rain is expected across the north of the country through the weekend, forecasters said.")
        index.assign(&first, at: 0)
        index.assign(&copy, at: 60)
        index.assign(&second, at: 120)
        index.assign(&other, at: 180)
        #expect(first.novelty == 100)
        #expect(copy.story == first.story)
        #expect(second.story == first.story)
        #expect(copy.novelty! < 100)
        #expect(second.novelty! < copy.novelty!)
        #expect(other.story != first.story)
        #expect(other.novelty == 100)
    }

    /// What one index placed, another takes in from its print alone (another node's, or this one's after a
    /// restart): a rewrite then joins that story, under its id, as a repeat.
    @Test func anotherIndexTakesInAStoryFromItsPrint() throws {
        var placing = StoryIndex()
        var first = Self.analyzed("Acme To Buy SkyLift For $1.2B", Self.wire)
        placing.assign(&first, at: 1_000)
        let print = try #require(first.storyPrint)
        #expect(StoryPrint(bytes: print.bytes) == print, "a print reads back from its bytes")
        #expect(StoryPrint(bytes: Array(print.bytes.dropLast())) == nil)

        var other = StoryIndex()
        other.observe(print, story: try #require(first.story))
        var rewrite = Self.analyzed("Acme buys SkyLift", Self.wire.replacingOccurrences(of: "Monday", with: "Tuesday"))
        other.assign(&rewrite, at: 1_060)
        #expect(rewrite.story == first.story)
        #expect(rewrite.novelty == 60)
        // Without the print, the rewrite would have been news.
        var fresh = StoryIndex()
        fresh.assign(&rewrite, at: 1_060)
        #expect(rewrite.novelty == 100)
    }

    @Test func theSameTemplateAboutAnotherCompanyIsAnotherStory() {
        var index = StoryIndex()
        let (aapl, msft) = (StoryIndex.companies(["AAPL"]), StoryIndex.companies(["MSFT"]))
        #expect(aapl & msft == 0, "the test needs symbols on different bits")
        let a = index.assign(keys: [1, 2, 3, 4], companies: aapl, at: 0)
        let b = index.assign(keys: [1, 2, 3, 4], companies: msft, at: 10)
        let c = index.assign(keys: [1, 2, 3, 4], companies: aapl | msft, at: 20)
        let d = index.assign(keys: [1, 2, 3, 4], companies: 0, at: 30)
        #expect(b.story != a.story && b.novelty == 100, "same words, another company")
        #expect(c.story == b.story || c.story == a.story, "an article naming both joins one of them")
        #expect(d.novelty < 100, "an article naming no company joins by its text alone")
    }

    @Test func storiesExpireAfterTheWindow() {
        var index = StoryIndex(window: 3600)
        let a = index.assign(keys: [1, 2, 3, 4], at: 0)
        let b = index.assign(keys: [9, 2, 8, 7], at: 100)  // one band in common: the same story
        let c = index.assign(keys: [1, 2, 3, 4], at: 100_000)
        #expect(b.story == a.story)
        #expect(b.novelty < 100)
        #expect(c.novelty == 100)
        #expect(c.story != a.story)
    }

    @Test func theSameFactRewrittenIsTheSameStory() {
        var index = StoryIndex()
        var first = Self.analyzed("Acme Robotics To Buy SkyLift", "Acme Robotics Inc agreed to acquire SkyLift for $1.2 billion.")
        var rewrite = Self.analyzed("SkyLift deal", "Acme Robotics Inc is buying SkyLift in a $1.2 billion takeover, it said on Tuesday.")
        let facts = StoryIndex.facts(of: first)
        #expect(!facts.isEmpty)
        let a = index.assign(keys: first.fingerprint, sketch: first.sketch, facts: facts, at: 0)
        let b = index.assign(keys: rewrite.fingerprint, sketch: rewrite.sketch, facts: StoryIndex.facts(of: rewrite), at: 10)
        first.story = a.story
        rewrite.story = b.story
        #expect(b.story == a.story)
    }

    /// Briefs from one template about one company, each with its own figure and its own sentence (about a third of
    /// the text in common): distinct stories. The template's shingles can win a whole band in many briefs; a band
    /// key shared that way must not join them.
    @Test func briefsFromOneTemplateAreSeparateStories() {
        let syllables = ["ka", "lo", "mi", "ren", "sut", "vo", "pel", "dar", "qui", "ton", "bre", "fas", "gil", "hum", "zor", "wen"]
        var state: UInt64 = 7
        func word() -> String {
            (0..<3).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return syllables[Int(state >> 60)]
            }.joined()
        }
        let templates = [
            ("Acme Robotics Inc.", "said it will invest", "in a new plant"), ("Blue Harbor Shipping", "agreed to pay", "for two used vessels"),
            ("Cinder Mining Corp.", "set aside", "to reopen its northern shaft"), ("Delta Grain Co.", "raised", "in a private placement"),
            ("Ember Pharma", "will spend", "on a late-stage trial"), ("Fjord Telecom", "won a contract worth", "from a regional carrier"),
        ]
        var index = StoryIndex()
        var stories = Set<String>()
        let perTemplate = 25
        for n in 0..<perTemplate {
            for (t, (company, verb, object)) in templates.enumerated() {
                let own = (0..<30).map { _ in word() }.joined(separator: " ")
                var brief = Self.analyzed(
                    "\(company) \(verb) $\(n + 1) million \(object), and \(own.prefix(24))",
                    "\(company) \(verb) $\(n + 1) million \(object), its chief executive told reporters at the annual meeting on "
                        + "Monday. \(company) \(own).")
                index.assign(&brief, at: Double(n * templates.count + t) * 60)
                stories.insert(brief.story!)
            }
        }
        let briefs = perTemplate * templates.count
        #expect(stories.count >= briefs - 1, "\(briefs - stories.count) of \(briefs) briefs joined another's story")
    }

    @Test func sketchesTellCopiesFromChanceMatches() {
        let tokens = { (text: String) in TokenizedText(ArticleText(title: "", body: text)).tokens }
        let copy = StoryFingerprint(tokens(Self.wire))
        let edited = StoryFingerprint(tokens(Self.wire.replacingOccurrences(of: "early trading", with: "morning trading")))
        let other = StoryFingerprint(tokens("Heavy rain is expected across the north of the country through the weekend, forecasters said."))
        #expect(StoryFingerprint.alike(copy.sketch, copy.sketch))
        #expect(StoryFingerprint.alike(copy.sketch, edited.sketch))
        #expect(!StoryFingerprint.alike(copy.sketch, other.sketch))
        #expect(StoryFingerprint.alike(0, other.sketch), "an unknown sketch is not compared")
    }

    @Test func fingerprintsOfNearCopiesAreClose() {
        let a = Set(Self.analyzed("t", Self.wire).fingerprint)
        // A syndicated copy with one word edited.
        let b = Set(Self.analyzed("t", Self.wire.replacingOccurrences(of: "early trading", with: "morning trading")).fingerprint)
        let c = Set(Self.analyzed("t", "Heavy rain is expected across the north of the country through the weekend, forecasters said.").fingerprint)
        #expect(a.count == StoryFingerprint.bands)
        #expect(!a.isDisjoint(with: b))
        #expect(a.isDisjoint(with: c))
    }
}

@Suite struct StoryIndexExtremeTimes {
    @Test func datesFarApartOrMalformedDoNotTrap() {
        var index = StoryIndex()
        let keys: [UInt64] = [1, 2, 3]
        _ = index.assign(keys: keys, at: 946_684_800)  // 2000
        _ = index.assign(keys: keys, at: 116_658_000_000)  // the year 5664
        _ = index.assign(keys: keys, at: -62_135_596_800)  // year 1
        let (_, novelty) = index.assign(keys: [9], at: .greatestFiniteMagnitude)
        #expect(novelty == 100)
    }
}
