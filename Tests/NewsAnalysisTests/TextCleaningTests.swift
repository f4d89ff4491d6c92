import Testing

@testable import NewsAnalysis

@Suite struct TextCleaningTests {
    @Test func htmlLosesScriptsNavigationAndCommentBlocks() {
        let html = """
            <html><head><title>Chipmaker beats &amp; raises</title><style>p{color:red}</style></head><body>
            <nav><a href="/">Home</a> Markets</nav>
            <article><p>Nvidia Corp&#8217;s revenue rose.</p><p>It guided higher.</p></article>
            <div class="comments-section"><p>Great stock!</p></div>
            <script>var x = "<p>not text</p>";</script>
            <footer>© 2024 Example News</footer></body></html>
            """
        let page = HTMLToText.convert(html)
        #expect(page.title == "Chipmaker beats & raises")
        #expect(page.text == "Nvidia Corp\u{2019}s revenue rose.\n\nIt guided higher.")
    }

    @Test func footerIsCutButTheStoryIsKept() {
        let body = """
            The company posted record sales.
            Shares closed higher.
            Market News and Data brought to you by Benzinga APIs
            Comments
            Loading...
            Posted In:
            Join Now: Free!
            """
        #expect(FooterStripper.strip(body) == "The company posted record sales.\nShares closed higher.")
    }

    @Test func hardWrappedLinesAreJoined() {
        #expect(
            HTMLToText.normalizeWhitespace("Shares of the firm\njumped 7% on Monday.\nA new paragraph.")
                == "Shares of the firm jumped 7% on Monday.\nA new paragraph.")
    }

    @Test func aliasesFromLegalNames() {
        let names = AliasGenerator.aliases(forLegalName: "AMAZON COM INC").map(\.name)
        #expect(names.contains("Amazon.com") && names.contains("Amazon"))
        let baba = AliasGenerator.aliases(forLegalName: "Alibaba Group Holding Ltd").map(\.name)
        #expect(baba.contains("Alibaba Group") && baba.contains("Alibaba"))
        #expect(AliasGenerator.displayName("PROGRESSIVE CORP/OH/") == "Progressive Corp")
    }

    @Test func csvImportKeepsGoodRowsAndNamesBadOnes() {
        let csv = "symbol,name,exchange,aliases\nACME,Acme Widgets Inc,NYSE,Acme|Widgets Co\n,No Symbol Corp,NYSE,\nZZZ,\"Zed, Zed & Co\",NASDAQ\n"
        let parsed = SecurityMasterFormat.parseCSV(csv)
        #expect(parsed.instruments.map(\.symbol) == ["ACME"])
        #expect(parsed.errors.map(\.line) == [3, 4])
        #expect(parsed.instruments.first?.aliases == ["Acme", "Widgets Co"])
    }
}
