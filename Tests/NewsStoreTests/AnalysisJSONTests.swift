import Foundation
import NewsModel
import NewsStore
import Testing

/// The hand-written analysis JSON must read back through `Codable` exactly as written.
@Suite struct AnalysisJSONTests {
    @Test func roundTripsThroughCodable() throws {
        let full = StoredArticle.Analysis(
            instruments: [
                .init(symbol: "BABA", exchange: "NYSE", name: "Alibaba Group \"Holding\"", relevance: 92, primary: true, sentiment: -0.3125),
                .init(symbol: "AMZN", exchange: "NASDAQ", name: "Amazon.com, Inc.", relevance: 40, primary: false, sentiment: nil),
            ],
            organizations: [
                Organization(name: "Ant\\Group", start: 3, end: 12, linked: false),
                Organization(name: "Amazon", start: 20, end: 26, linked: true, symbol: "AMZN"),
            ],
            events: [
                .init(
                    type: "analyst_rating", instruments: ["BABA"], organizations: ["Morgan Stanley"], text: "Line one\nline two\ttab \u{1}",
                    attributes: [
                        "pt_current": .number(300), "pt_prior": .number(250.5), "firm": .text("Morgan Stanley"), "rating_current": .text("12"),
                    ]),
                // Escapes at the start, the end and side by side, between runs of plain and non-ASCII text.
                .init(
                    type: "other", instruments: [], organizations: [], text: "\"Zürich\\\\ said \u{7}\r\n\"quoted\" — 東京\u{1f}\\",
                    attributes: [:]),
            ],
            amounts: [
                Amount(text: "$443 billion", kind: .money, value: 443e9, currency: "USD", inTitle: false, start: 5, end: 17),
                Amount(text: "1.5%", kind: .percent, value: 1.5, inTitle: true, start: 0, end: 4),
                Amount(text: "1e21", kind: .count, value: 1e21, inTitle: false, start: 0, end: 4),
            ],
            flags: [Flag(type: .figureMismatch, detail: "title $440M, body $443B", evidence: ["a", "b"])],
            sentiment: 0.123456789, story: "s-42", novelty: 60)
        for analysis in [full, StoredArticle.Analysis()] {
            let back = try JSONDecoder().decode(StoredArticle.Analysis.self, from: Data(analysis.json().utf8))
            #expect(back == analysis)
        }
    }
}
