import NewsModel
import Testing

@testable import NewsAnalysis

/// Sentences written for these tests.
@Suite struct ConsistencyCheckerTests {
    static func flags(_ title: String, _ body: String) -> [Flag] {
        TestMaster.analyzer.analyze(Article(title: title, body: body)).flags
    }

    @Test func aThousandfoldSlipBetweenTitleAndBodyIsFlagged() {
        let f = Self.flags("Oracle To Invest $650M In Texas Data Center", "Oracle Corp ORCL will invest $650 billion in a data center near Austin.")
        #expect(f.map(\.type) == [.figureMismatch])
        #expect(f.first?.evidence == ["$650M", "$650 billion"])
    }

    @Test func theSameFigureWrittenTwoWaysIsNotFlagged() {
        #expect(Self.flags("Oracle To Invest $1.5B In Texas", "Oracle Corp ORCL will invest $1.5 billion in a data center.").isEmpty)
        #expect(Self.flags("Loews Reports Net Income Of $394 Million", "Loews Corp L reported net income of $394 million.").isEmpty)
    }

    @Test func unrelatedFiguresAThousandApartAreNotFlagged() {
        // Same scale slip in numbers, but the sentences share no subject.
        #expect(Self.flags("Oracle Buys $2M Of Solar Panels", "Oracle Corp ORCL has a market value of about $2 billion less than in May.").isEmpty)
    }

    @Test func aDirectionAgainstItsSignIsFlagged() {
        let f = Self.flags("", "Shares of Oracle Corp ORCL closed higher on Tuesday, at -1.4% for the session.")
        #expect(f.map(\.type) == [.directionMismatch])
    }

    @Test func aChangeThatDisagreesWithItsPricesIsFlagged() {
        let f = Self.flags("", "Oracle Corp ORCL shares rose 10% to $110 from $90 on Monday.")
        #expect(f.map(\.type) == [.changeMismatch])
        #expect(Self.flags("", "Oracle Corp ORCL shares rose 10% to $110 from $100 on Monday.").isEmpty)
        // Rounded figures: 4.8% from $41.20 to $43.18 is right to the digits given.
        #expect(Self.flags("", "Oracle Corp ORCL shares rose 4.8% to $43.18 from $41.20 on Monday.").isEmpty)
    }

    @Test func pricesMovingAgainstTheWordAreFlagged() {
        let f = Self.flags("", "Oracle Corp ORCL shares rose 5% to $95 from $100 on Monday.")
        #expect(f.map(\.type) == [.directionMismatch])
    }
}
