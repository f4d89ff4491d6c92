import Foundation
import NewsModel
import Testing

@testable import NewsServer

@Suite struct SourcesFileTests {
    func parse(_ json: String) throws(SourcesFile.Problem) -> [SourceConfig] {
        try SourcesFile.parse(Data(json.utf8))
    }

    @Test func readsEveryKindWithDefaults() throws {
        let sources = try parse(
            #"{"sources": [{"kind": "feed", "location": "https://news.example.com/rss"}, {"kind": "json", "location": "https://api.example.com/v1/news", "name": "provider", "interval": 30, "mapping": {"items": "data", "title": "headline", "since": "updatedSince"}}, {"kind": "directory", "location": "/srv/inbox", "interval": 5}]}"#
        )
        #expect(sources.map(\.kind) == [.feed, .json, .directory])
        #expect(sources[0].name == "news.example.com")
        #expect(sources[0].interval == 60)
        #expect(sources[1].mapping == FieldMapping(items: "data", title: "headline", since: "updatedSince"))
        #expect(sources[2].name == "inbox")
    }

    @Test(arguments: [
        (#"{"sources": [{"kind": "feed", "location": "https://x.test/rss", "intervall": 5}]}"#, #"sources[0]: unknown key "intervall""#),
        (
            #"{"sources": [{"kind": "json", "location": "https://x.test", "mapping": {"headline": "h"}}]}"#,
            #"sources[0].mapping: unknown key "headline""#
        ),
        (#"{"sources": [{"kind": "feed"}]}"#, #"sources[0]: "location" is required"#),
        (#"{"sources": [{"kind": "rss", "location": "https://x.test/rss"}]}"#, "sources[0]: kind"),
        (#"{"sources": [{"kind": "feed", "location": "ftp://x.test/rss"}]}"#, "must be an http(s) URL"),
        (#"{"sources": [{"kind": "feed", "location": "https://x.test/rss", "interval": 0}]}"#, "interval must be between"),
        (#"{"sources": [{"kind": "feed", "location": "https://x.test/rss", "mapping": {}}]}"#, "mapping applies to json sources only"),
        (#"{"feeds": []}"#, #"unknown key "feeds""#),
        (#"[1, 2]"#, "not a JSON object"),
    ])
    func mistakesAreNamed(json: String, message: String) {
        do {
            _ = try parse(json)
            Issue.record("should fail: \(json)")
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
        }
    }
}
