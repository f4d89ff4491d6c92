import Foundation
import NewsModel
import Testing

@testable import NewsAnalysis

@Suite struct DateExtractorTests {
    let published = DateParsing.timestamp("2021-03-10T15:00:00Z")  // a Wednesday

    func dates(_ body: String, published: Date?) -> [String: String?] {
        Dictionary(
            DateExtractor().extract(from: ArticleText(title: "", body: body), published: published).map { ($0.text, $0.date) },
            uniquingKeysWith: { a, _ in a })
    }

    @Test func relativeDatesResolveAgainstPublication() {
        let d = dates(
            "Reuters reported Monday that in November the firm grew, and this month it hired; Wednesday it said more.", published: published)
        #expect(d["Monday"] == "2021-03-08")
        #expect(d["Wednesday"] == "2021-03-10")
        #expect(d["November"] == "2020-11")
        #expect(d["this month"] == "2021-03")
    }

    @Test func absoluteDates() {
        let d = dates("On September 15, 2020 and on 2019-07-04 it said so; results came in June 2018.", published: nil)
        #expect(d["September 15, 2020"] == "2020-09-15")
        #expect(d["2019-07-04"] == "2019-07-04")
        #expect(d["June 2018"] == "2018-06")
    }

    @Test func withoutPublicationRelativeDatesStayUnresolved() {
        let d = dates("Shares fell Tuesday.", published: nil)
        #expect(d["Tuesday"] == .some(nil))
    }

    @Test func mayTheVerbIsNotAMonth() {
        let d = dates("The company May raise prices, it said in May.", published: published)
        #expect(d.count == 1)
    }
}
