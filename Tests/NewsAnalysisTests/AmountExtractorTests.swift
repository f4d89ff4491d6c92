import Foundation
import NewsModel
import Testing

@testable import NewsAnalysis

@Suite struct AmountExtractorTests {
    func amounts(_ title: String, _ body: String) -> [Amount] {
        AmountExtractor().extract(from: ArticleText(title: title, body: body))
    }

    @Test func seedShapedFiguresAreFoundAndNormalised() {
        let found = amounts(
            "Tencent In Talks To Put $750M Into Cloud Startup",
            """
            Tencent is investing $751 billion with partners. In May, the firm bought 2,400 servers in a deal worth almost \
            $15 million. This month Nio raised $1.8 billion in Hong Kong, while Baidu had raised $3.1 billion in March. \
            Price Action: Tencent shares closed nearly 2.3% lower at $48.12 on Friday.
            """)
        let byText = Dictionary(found.map { ($0.text, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byText["$750M"]?.value == 750_000_000 && byText["$750M"]?.kind == .money && byText["$750M"]?.inTitle == true)
        #expect(byText["$751 billion"]?.value == 751e9)
        #expect(byText["$15 million"]?.value == 15e6)
        #expect(byText["$1.8 billion"]?.value == 1.8e9 && byText["$1.8 billion"]?.currency == "USD")
        #expect(byText["2.3%"]?.kind == .percent && byText["2.3%"]?.value == 2.3)
        #expect(byText["$48.12"]?.kind == .price)
        #expect(byText["2,400"]?.kind == .count && byText["2,400"]?.value == 2400)
    }

    @Test(arguments: [
        ("EUR 21.1 mn", 21_100_000.0, "EUR"), ("HK$3.5 billion", 3.5e9, "HKD"), ("US$140.1 billion", 140.1e9, "USD"),
        ("€2.42 billion", 2.42e9, "EUR"), ("£46bn", 46e9, "GBP"), ("¥500 million", 5e8, "JPY"), ("RMB 12 billion", 12e9, "CNY"),
        ("8 billion yuan", 8e9, "CNY"), ("$1.2T", 1.2e12, "USD"), ("$300K", 300_000, "USD"),
    ])
    func currenciesAndScales(text: String, value: Double, currency: String) throws {
        let a = try #require(amounts("", "The company reported \(text) in revenue.").first)
        #expect(a.text == text)
        #expect(abs(a.value - value) < 1)
        #expect(a.currency == currency)
        #expect(a.kind == .money)
    }

    @Test func sharesAndPercentWords() {
        let found = amounts("", "It sold 2.5 million shares, up 12 percent, and margins fell 0.4 per cent.")
        #expect(found.contains { $0.kind == .shares && $0.value == 2_500_000 })
        #expect(found.contains { $0.kind == .percent && $0.value == 12 })
        #expect(found.contains { $0.kind == .percent && $0.value == 0.4 })
    }

    @Test func numbersInsideNamesAreNotAmounts() {
        let found = amounts("", "The COVID-19 pandemic hit F150 sales in Q3 of 2020 for 3M.")
        #expect(found.isEmpty)
    }
}
