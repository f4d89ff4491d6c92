import Foundation
import NewsModel
import Testing

@Suite struct InstrumentTests {
    @Test func aChangedCopyLeavesTheOriginalAsItWas() {
        let original = Instrument(symbol: "BABA", exchange: "NYSE", name: "Alibaba Group Holding Ltd", aliases: ["Alibaba"])
        var copy = original
        copy.aliases.append("Taobao")
        copy.listings.append(Listing(symbol: "9988.HK", exchange: "HKEX"))
        copy.prominence = 90
        #expect(original.aliases == ["Alibaba"])
        #expect(original.listings.isEmpty)
        #expect(original.prominence == 50)
        #expect(copy.aliases == ["Alibaba", "Taobao"])
        #expect(copy != original)
        var same = original
        same.name = original.name
        #expect(same == original)
        #expect(same.hashValue == original.hashValue)
    }

    @Test func itsJSONHasTheSameFieldsAsBefore() throws {
        let instrument = Instrument(symbol: "7203.T", exchange: "TSE", name: "Toyota Motor Corp", country: "JP", isin: "JP3633400001")
        let json = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(instrument)) as? [String: Any]
        #expect(
            Set(json?.keys ?? [:].keys)
                == ["symbol", "exchange", "name", "country", "isin", "aliases", "listings", "status", "prominence"])
        #expect(try JSONDecoder().decode(Instrument.self, from: try JSONEncoder().encode(instrument)) == instrument)
    }
}
