import Foundation
import NewsModel
import Testing

@testable import NewsServer

@Suite struct APIRecordsTests {
    func read(_ json: String, _ mapping: FieldMapping = FieldMapping()) throws -> [Article] {
        try APIRecords.articles(from: Data(json.utf8), mapping: mapping, source: "provider")
    }

    @Test func mappedPathsReachIntoNestedRecords() throws {
        let mapping = FieldMapping(items: "payload.list", id: "meta.key", title: "head", body: "parts.0.text", url: "links.web", published: "ts")
        let a = try read(
            #"{"payload": {"list": [{"meta": {"key": 12}, "head": "Contoso buys a rival", "parts": [{"text": "Contoso agreed to buy it."}], "links": {"web": "https://x.test/1"}, "ts": 1600000000}]}}"#,
            mapping)
        #expect(a.count == 1)
        #expect(a[0].id == "12")
        #expect(a[0].title == "Contoso buys a rival")
        #expect(a[0].body == "Contoso agreed to buy it.")
        #expect(a[0].url == "https://x.test/1")
        #expect(a[0].published == Date(timeIntervalSince1970: 1_600_000_000))
        #expect(a[0].source == "provider")
    }

    @Test func usualNamesAndTimeFormatsNeedNoMapping() throws {
        let a = try read(
            #"{"articles": [{"guid": "a", "headline": "One", "summary": "S", "published_at": "2020-09-15T14:00:00Z", "source": {"name": "Wire"}}, {"id": "b", "title": "Two", "date": 1600178400000}, {"id": "c", "title": "Three", "created": "Tue, 15 Sep 2020 14:00:00 GMT"}]}"#
        )
        #expect(a.map(\.title) == ["One", "Two", "Three"])
        #expect(a[0].source == "Wire")
        #expect(a[0].body == "S")
        let t = Date(timeIntervalSince1970: 1_600_178_400)
        #expect(a.map(\.published) == [t, t, t])
    }

    @Test func ndjsonRepliesAreReadALineAtATime() throws {
        let a = try read("{\"id\": 1, \"title\": \"A\"}\n\n{\"id\": 2, \"title\": \"B\"}\n")
        #expect(a.map(\.id) == ["1", "2"])
    }

    @Test func repliesThatCannotBeReadSayWhy() {
        #expect(throws: APIRecords.Problem.self) { try read(#"{"data": {}}"#, FieldMapping(items: "data.items")) }
        #expect(throws: APIRecords.Problem.self) { try read(#"{"data": {"items": 3}}"#, FieldMapping(items: "data.items")) }
        do {
            _ = try read("{\"title\": \"A\"}\nnot json\n")
            Issue.record("a bad NDJSON line should fail")
        } catch {
            #expect("\(error)".contains("line 2"))
        }
    }
}
