import Foundation
import NewsModel
import Testing

@testable import NewsAnalysis

/// Sentences written for these tests, in the shapes wire stories use.
@Suite struct TickerTaggerTests {
    /// A story shaped like the seed: wire-style "Name TICKER", a parent and partner that are not listed, other listings.
    static let wireStory = (
        title: "Alibaba Weighs $2B Stake In Blacklisted Camera Maker: Report",
        body: """
        Alibaba Group Holding Ltd BABA is putting $2 billion alongside China Mobile Communications Group Co Ltd into \
        Hangzhou Hikvision Digital Technology Co Ltd, people familiar with the matter said Monday.

        Last year, Amazon.com, Inc AMZN bought 2,000 thermal cameras in a deal worth about $12 million.

        In July, JD.Com Inc JD and Yum China Holdings Inc YUMC were named in a bill on foreign listings.

        Price Action: Alibaba shares closed 2.1% higher at $181.50 on Monday.

        Market News and Data brought to you by Benzinga APIs
        Comments
        Loading...
        Posted In:
        Benzinga simplifies the market for smarter investing
        Join Now: Free!
        """
    )

    @Test func tagsWireStyleTickersWithThePrimaryFirst() throws {
        let a = TestMaster.analyzer.analyze(Article(title: Self.wireStory.title, body: Self.wireStory.body))
        let symbols = a.instruments.map(\.instrument.symbol)
        #expect(Set(symbols).isSuperset(of: ["BABA", "AMZN", "JD", "YUMC"]))
        #expect(!symbols.contains("0941.HK"), "China Mobile's unlisted parent is not China Mobile Ltd")
        // Hikvision is listed in Shenzhen; nothing else may be tagged.
        #expect(Set(symbols).isSubset(of: ["BABA", "AMZN", "JD", "YUMC", "002415.SZ"]), "unexpected tags: \(symbols)")
        let baba = try #require(a.instruments.first)
        #expect(baba.instrument.symbol == "BABA")
        #expect(baba.primary && baba.relevance >= 75)
        #expect(baba.mentions.contains { $0.how == .nameAndTicker && $0.text == "Alibaba Group Holding Ltd BABA" })
        #expect(a.instruments.filter(\.primary).map(\.instrument.symbol) == ["BABA"])
    }

    @Test func aFoundCompanysBareSymbolIsAnotherMentionOnlyAsAWholeWord() throws {
        let a = TestMaster.analyzer.analyze(
            Article(
                title: "Tesla Inc (TSLA) rallies",
                body: "TSLA stock rose. Rivals of TSLA's: xTSLA, TSLA5 and TSLAs are other words; pre-TSLA and (TSLA) still count."))
        let tesla = try #require(a.instruments.first { $0.instrument.symbol == "TSLA" })
        let bare = tesla.mentions.filter { $0.how == .ticker }.map(\.text)
        // "TSLA stock", "TSLA's", "pre-TSLA" and "(TSLA)" in the body; not "xTSLA", "TSLA5" or "TSLAs".
        #expect(bare == ["TSLA", "TSLA", "TSLA", "TSLA"], "\(tesla.mentions)")
    }

    @Test func mentionOffsetsCountUnicodeScalarsInTheCleanedText() throws {
        let a = TestMaster.analyzer.analyze(Article(title: "Café owner’s note", body: "Shares of Alibaba Group Holding Ltd BABA rose."))
        let m = try #require(a.instruments.first?.mentions.first)
        let scalars = Array(a.cleanedText.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[m.start..<m.end])) == m.text)
    }

    @Test func reportsUnlistedCompanyNamesAsOrganizations() {
        let a = TestMaster.analyzer.analyze(Article(title: Self.wireStory.title, body: Self.wireStory.body))
        let orgs = a.organizations.map(\.name)
        #expect(orgs.contains("China Mobile Communications Group Co Ltd"))
    }

    @Test func organizationsEndInALegalFormAndStopAtClauseBreaks() {
        let text = ArticleText(
            title: "Inc",
            body: """
                Shares of Zhejiang Dahua Technology Co Ltd fell, and Cantor Fitzgerald & Co. said so. In a note, Acme Group \
                rose, while the Bank of Tokyo Holdings, Inc. was flat. Rival Foo Corp gained.
                Inc again, pre-Market Holdings.
                """)
        let found = OrganizationFinder().find(in: text, tokens: TokenizedText(text)).map(text.text)
        #expect(
            found == [
                "Zhejiang Dahua Technology Co Ltd", "Cantor Fitzgerald & Co.", "Acme Group", "Bank of Tokyo Holdings, Inc.", "Foo Corp",
            ])
    }

    @Test func theMatchViewBlocksNameStartsOnlyBeforeLowerCaseWordsThatCannotBeInAName() {
        let view = String(decoding: TickerTagger.matchView(Array("Bank of America's (Alibaba) SK hynix shares\"Apple".utf8)), as: UTF8.self)
        // "of" is a connector; "hynix" follows an all-capitals word; "shares" starts no name; "(", ")" and the
        // opening quote are boundaries; the possessive stays.
        #expect(view == " Bank of America's  Alibaba  SK hynix\u{01}shares Apple")
    }

    @Test func providerFooterNeverBecomesATag() {
        let a = TestMaster.analyzer.analyze(Article(title: Self.wireStory.title, body: Self.wireStory.body))
        #expect(!a.cleanedText.contains("Benzinga simplifies"))
        #expect(!a.cleanedText.contains("Loading..."))
    }

    @Test(arguments: [
        ("Central bank keeps its inflation target", "The bank said the target would be met, and the gap to it would narrow."),
        ("Snap election called", "The prime minister called a snap election for July, and there was a snap decision on apple exports."),
        ("Orange juice prices hit a record", "Orange juice futures rose as the crop shrank. Caterpillar numbers in the groves rose too."),
        ("Travel rules change", "Applicants for a visa must now attend an interview. The Delta variant slowed travel."),
        ("Gender pay gap narrows", "The pay gap between men and women narrowed, a report from the labor department said."),
    ])
    func commonWordsAreNotCompanies(title: String, body: String) {
        #expect(TestMaster.symbols(title, body).isEmpty)
    }

    @Test func tickersThatAreEnglishWordsNeedAnExplicitForm() {
        // ALL, ARE, NOW, ON, IT, A, KEY, LOW and CAT as words are not tags...
        let words = TestMaster.symbols("It is now or never", "All of them are on it. A key low point: the cat sat on a mat.")
        #expect(words.isEmpty)
        // ...but they are, written as tickers.
        let explicit = TestMaster.symbols("Insurer beats", "The Allstate Corporation (NYSE: ALL) beat estimates; so did Caterpillar Inc. (NYSE:CAT).")
        #expect(explicit.contains("ALL") && explicit.contains("CAT"))
    }

    @Test func cashtagsAndVenuePrefixesResolveToTheUSSymbol() {
        let s = TestMaster.symbols("Miners rally", "BHP Group (ASX: BHP) and Rio Tinto rose; traders also bought $NVDA and NASDAQ:AAPL.")
        #expect(s.contains("BHP"))
        #expect(s.contains("NVDA") && s.contains("AAPL"))
        #expect(!s.contains("BHP.AX"))
    }

    @Test func brandsAndFormerNamesMapToTheListedCompany() {
        let s = TestMaster.symbols("Tech giants", "Shares of Google and Facebook rose, while Square's stock fell.")
        #expect(s.contains("GOOGL") && s.contains("META") && s.contains("XYZ"))
    }

    @Test func formerSymbolIsReportedForArticlesFromBeforeTheChange() throws {
        let old = Article(title: "Facebook results", body: "Facebook Inc. reported revenue growth.", published: DateParsing.day("2019-01-30"))
        let tag = try #require(TestMaster.analyzer.analyze(old).instruments.first)
        #expect(tag.instrument.symbol == "META")
        #expect(tag.symbolAsPublished == "FB")
    }

    @Test func companiesAbroadTakeYahooSuffixes() {
        let s = TestMaster.symbols(
            "Asia movers", "Toyota Motor rose in Tokyo, Tencent Holdings gained in Hong Kong and Samsung Electronics climbed in Seoul.")
        #expect(s.contains("TM"), "Toyota has a NYSE listing, which wins")
        #expect(s.contains("0700.HK") && s.contains("005930.KS"))
    }

    @Test func commonWordNameCountsWithCompanyContext() {
        let s = TestMaster.symbols("Insurers", "Premiums rose at Allstate, while competitor Progressive gained share.")
        #expect(s.contains("PGR"))
    }

    @Test func aNameInsideALongerNameIsThatOtherName() {
        let s = TestMaster.symbols("Care homes", "Analysts raised Target Healthcare REIT to buy, citing rents.")
        #expect(!s.contains("TGT"))
    }

    @Test func personNamesAreNotCompanies() {
        let s = TestMaster.symbols("Founder speaks", "Jack Ma spoke at a forum; Warren Buffett and Tim Cook did not.")
        #expect(s.isEmpty)
    }

    @Test func relevanceFavoursTitleAndEarlyMentions() throws {
        let a = TestMaster.analyzer.analyze(
            Article(title: "Nvidia beats estimates", body: "Nvidia Corp reported record revenue. Late in the day, Intel Corp was flat."))
        let nvda = try #require(a.instruments.first { $0.instrument.symbol == "NVDA" })
        let intc = try #require(a.instruments.first { $0.instrument.symbol == "INTC" })
        #expect(nvda.relevance >= 75 && nvda.primary)
        #expect(intc.relevance < 75 && !intc.primary)
    }
}
