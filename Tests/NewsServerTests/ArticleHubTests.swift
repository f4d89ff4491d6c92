import Foundation
import NewsStore
import Testing

@testable import NewsServer

@Suite struct ArticleHubTests {
    static func item(_ seq: Int64, _ symbols: Set<String>) -> ArticleHub.Item {
        var a = StoredArticle(
            StoredArticle.Incoming(title: "t\(seq)", body: "", received: Date(timeIntervalSince1970: 0)), seq: seq, revision: 1)
        a.analysis.instruments = symbols.map { .init(symbol: $0, exchange: "NASDAQ", name: $0, relevance: 90, primary: true, sentiment: nil) }
        return ArticleHub.Item(a, action: .created)
    }

    @Test func articlesAreEncodedOnceAndOnlyForSomeoneListening() async {
        let hub = ArticleHub(bufferSize: 4)
        let alertsOnly = hub.subscribe(.init(alertsOf: "key-1", articles: false))
        #expect(!hub.hasArticleSubscribers, "an alert stream takes no articles")
        let reader = hub.subscribe(.init())
        #expect(hub.hasArticleSubscribers)
        let item = Self.item(1, ["AAPL"])
        hub.publish([item])
        var it = reader.messages.makeAsyncIterator()
        guard case .article(let got) = await it.next() else {
            Issue.record("no article")
            return
        }
        #expect(got.json == ArticleJSON.encode(item.article))
        #expect(item.json == got.json, "copies share the one encoding")
        reader.continuation.finish()
        alertsOnly.continuation.finish()
    }

    @Test func aSlowSubscriberIsClosedWithAReasonAndTheOthersGetEverything() async {
        let hub = ArticleHub(bufferSize: 4)
        let slow = hub.subscribe(.init())
        let fast = hub.subscribe(.init(tickers: ["AAPL"]))
        var got: [Int64] = []
        for seq in 1...10 {
            hub.publish([Self.item(Int64(seq), seq.isMultiple(of: 2) ? ["AAPL"] : ["MSFT"])])
            // The fast one reads as it goes; the slow one never does.
            if seq.isMultiple(of: 2) {
                var it = fast.messages.makeAsyncIterator()
                if case .article(let item) = await it.next() { got.append(item.seq) }
            }
        }
        #expect(got == [2, 4, 6, 8, 10])
        #expect(slow.closeReason?.contains("slow consumer") == true)
        #expect(fast.closeReason == nil)
        var kept: [Int64] = []
        for await message in slow.messages { if case .article(let item) = message { kept.append(item.seq) } }
        #expect(kept == [1, 2, 3, 4], "what fitted its buffer, then the end")
        #expect(hub.count == 1)
    }
}
