import Foundation
import Testing

@testable import NewsServer

/// Feeds in the shapes real publishers send, written for these tests.
@Suite struct FeedParserTests {
    static func items(_ xml: String) throws -> [FeedItem] { try FeedParser.parse(Data(xml.utf8)) }
    static func date(_ s: String) -> Date? { ISO8601DateFormatter().date(from: s) }

    @Test func rss2WithNamespacesCDATAAndEntities() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel><title>Wire</title><link>https://example.com</link>
            <item>
              <title>Acme &amp; Co raises guidance</title>
              <link>https://example.com/a</link>
              <guid isPermaLink="false">acme-1</guid>
              <pubDate>Tue, 15 Sep 2020 14:00:00 GMT</pubDate>
              <description>Short &lt;b&gt;teaser&lt;/b&gt;</description>
              <content:encoded><![CDATA[<p>Acme Corp <b>raised</b> its outlook &amp; more.</p>]]></content:encoded>
              <dc:creator>Jane Doe</dc:creator>
              <category>Earnings</category><category>Guidance</category>
            </item>
            <item><title>Only a description</title><description>Plain text here.</description><pubDate>15 Sep 2020 10:00 -0400</pubDate></item>
            </channel></rss>
            """
        let items = try Self.items(xml)
        #expect(items.count == 2)
        #expect(items[0].title == "Acme & Co raises guidance")
        #expect(items[0].link == "https://example.com/a")
        #expect(items[0].guid == "acme-1")
        #expect(items[0].published == Self.date("2020-09-15T14:00:00Z"))
        #expect(items[0].content == "<p>Acme Corp <b>raised</b> its outlook &amp; more.</p>")
        #expect(items[0].author == "Jane Doe")
        #expect(items[0].categories == ["Earnings", "Guidance"])
        #expect(items[1].content == "Plain text here.")
        #expect(items[1].published == Self.date("2020-09-15T14:00:00Z"))
    }

    @Test(arguments: [
        ("Tue, 15 Sep 2020 14:00:00 GMT", "2020-09-15T14:00:00Z"),
        ("Tue, 15 Sep 2020 16:00:00 +0200", "2020-09-15T14:00:00Z"),
        ("Tue, 15 Sep 2020 09:00:00 EST", "2020-09-15T14:00:00Z"),
        ("15 Sep 20 14:00 GMT", "2020-09-15T14:00:00Z"),
        ("2020-09-15T14:00:00Z", "2020-09-15T14:00:00Z"),
        ("2020-09-15T16:00:00+02:00", "2020-09-15T14:00:00Z"),
    ])
    func feedDates(raw: String, iso: String) { #expect(FeedDate.parse(raw) == Self.date(iso), "\(raw)") }

    @Test(arguments: ["yesterday", "Tue, 45 Sep 2020 14:00:00 GMT", "Sep 2020", "15 Foo 2020 14:00 GMT", "Tue, 15 Sep 2020 25:00:00 GMT", ""])
    func malformedDatesAreNil(_ raw: String) { #expect(FeedDate.parse(raw) == nil, "\(raw)") }

    @Test func rdfFeedUsesAboutAndDublinCoreDates() throws {
        let xml = """
            <?xml version="1.0"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="https://example.com/"><title>Old wire</title></channel>
              <item rdf:about="https://example.com/r1">
                <title>Beta Inc names CEO</title><link>https://example.com/r1</link>
                <description>Beta Inc named a new chief executive.</description>
                <dc:date>2021-03-01T08:30:00Z</dc:date>
              </item>
            </rdf:RDF>
            """
        let items = try Self.items(xml)
        #expect(items.count == 1)
        #expect(items[0].guid == "https://example.com/r1")
        #expect(items[0].published == Self.date("2021-03-01T08:30:00Z"))
        #expect(items[0].content == "Beta Inc named a new chief executive.")
    }

    @Test func atomWithXHTMLAndEscapedHTML() throws {
        let xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>Atom wire</title><id>urn:feed</id><updated>2022-05-01T00:00:00Z</updated>
              <entry>
                <title type="html">Gamma &amp;amp; Delta merge</title>
                <link rel="alternate" href="https://example.com/g"/><link rel="self" href="https://example.com/g.atom"/>
                <id>urn:entry:g</id><published>2022-05-01T12:00:00Z</published><updated>2022-05-02T12:00:00Z</updated>
                <author><name>Desk</name></author>
                <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Gamma and <b>Delta</b> agreed to merge.</p></div></content>
              </entry>
              <entry>
                <title>Escaped</title><id>urn:entry:e</id><updated>2022-05-03T00:00:00Z</updated>
                <content type="html">&lt;p&gt;Epsilon wins a contract.&lt;/p&gt;</content>
              </entry>
            </feed>
            """
        let items = try Self.items(xml)
        #expect(items.count == 2)
        #expect(items[0].link == "https://example.com/g")
        #expect(items[0].guid == "urn:entry:g")
        #expect(items[0].published == Self.date("2022-05-01T12:00:00Z"))
        #expect(items[0].updated == Self.date("2022-05-02T12:00:00Z"))
        #expect(items[0].author == "Desk")
        #expect(items[0].content.contains("<p>Gamma and <b>Delta</b> agreed to merge.</p>"), "\(items[0].content)")
        #expect(items[1].content == "<p>Epsilon wins a contract.</p>")
        #expect(items[1].published == Self.date("2022-05-03T00:00:00Z"))  // no <published>: the update time
    }

    @Test func aWrongDeclaredEncodingIsRepaired() throws {
        // UTF-8 bytes under a Latin-1 declaration.
        let utf8 =
            #"<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><item><title>Café Zürich prices €5 notes</title></item></channel></rss>"#
        #expect(try FeedParser.parse(Data(utf8.utf8)).first?.title == "Café Zürich prices €5 notes")
        // Windows-1252 bytes under a UTF-8 declaration (é is 0xE9, the euro sign 0x80).
        var bytes = Array(#"<?xml version="1.0" encoding="UTF-8"?><rss><channel><item><title>Caf"#.utf8)
        bytes += [0xE9, 0x20, 0x80, 0x35]
        bytes += Array("</title></item></channel></rss>".utf8)
        #expect(try FeedParser.parse(Data(bytes)).first?.title == "Café €5")
    }

    @Test func whatIsNotAFeedIsAnErrorNotACrash() {
        #expect(throws: FeedParser.Failure.self) { try FeedParser.parse(Data("<html><body>Oops".utf8)) }
        #expect(throws: FeedParser.Failure.self) { try FeedParser.parse(Data("<?xml version=\"1.0\"?><catalog><book/></catalog>".utf8)) }
        #expect(throws: FeedParser.Failure.self) { try FeedParser.parse(Data()) }
    }
}
