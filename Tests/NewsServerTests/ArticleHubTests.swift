import Foundation
import NewsStore
import Testing

@testable import NewsServer

@Suite struct ArticleHubTests {
    static func item(_ seq: Int64, _ symbols: Set<String>) -> ArticleHub.Item {
        let a = StoredArticle(
            StoredArticle.Incoming(title: "t\(seq)", body: "", received: Date(timeIntervalSince1970: 0)), seq: seq, revision: 1)
        return ArticleHub.Item(seq: seq, action: .created, symbols: symbols, eventTypes: [], article: a, json: Array("{}".utf8))
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
