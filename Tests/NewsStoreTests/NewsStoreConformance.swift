import Foundation
import NewsModel
import NewsStore
import Testing

/// What every `NewsStore` backend must do. Each backend's suite runs every check here against a fresh, empty store.
/// Texts are written for these tests.
enum NewsStoreConformance {
    typealias Check = @Sendable (any NewsStore) async throws -> Void

    static let checks: [(name: String, check: Check)] = [
        ("an article that arrives twice is stored once", duplicateByGuid),
        ("the same content from another source is a duplicate", duplicateByContent),
        ("changed content under the same guid is an update with a revision", updateKeepsRevisions),
        ("sequence numbers only grow", sequenceGrows),
        ("tickers, events, dates, sentiment and sources filter", filters),
        ("full text matches all words, ranked, and user text is never SQL", fullText),
        ("search text reads quotes, or and -word as a web search does", searchSyntax),
        ("words split at punctuation alike in articles and searches", punctuatedWords),
        ("story prints are kept for other story indexes", storyPrints),
        ("pages follow the cursor without gaps or repeats", pagination),
        ("a removed article leaves searches and is listed as removed", removal),
        ("the analysis round-trips", analysisRoundTrip),
        ("a bad query is an error with a code, not a crash", badQueries),
        ("stories, changes since a time, oldest first and page offsets", storiesAndPaging),
    ]

    static let t0 = Date(timeIntervalSince1970: 1_600_000_000)

    static func incoming(
        _ title: String, _ body: String = "Body text for the test.", source: String = "wire", guid: String? = nil, url: String? = nil,
        published: Date? = nil, tickers: [String] = [], events: [String] = [], sentiment: Double = 0
    ) -> StoredArticle.Incoming {
        StoredArticle.Incoming(
            source: source, url: url, guid: guid, title: title, body: body, published: published ?? t0, received: t0,
            analysis: StoredArticle.Analysis(
                instruments: tickers.enumerated().map {
                    .init(
                        symbol: $0.element, exchange: "NASDAQ", name: $0.element, relevance: $0.offset == 0 ? 90 : 40, primary: $0.offset == 0,
                        sentiment: sentiment)
                },
                events: events.map { .init(type: $0, instruments: tickers, organizations: [], text: title, attributes: ["amount": .number(1e9)]) },
                sentiment: sentiment))
    }

    static func duplicateByGuid(_ store: any NewsStore) async throws {
        let a = incoming("Acme raises guidance", guid: "g-1")
        let first = try await store.ingest([a])
        let again = try await store.ingest([a, a])
        guard case .added(let seq) = first[0] else { Issue.record("first arrival: \(first)"); return }
        #expect(again == [.duplicate(seq: seq), .duplicate(seq: seq)])
        #expect(try await store.count() == 1)
    }

    static func duplicateByContent(_ store: any NewsStore) async throws {
        let a = incoming("Acme wins contract", "Acme won a contract worth $2 billion.", source: "wire-a", guid: "1")
        var b = incoming("Acme wins contract", "Acme won a contract\nworth  $2 billion.", source: "wire-b", guid: "x")
        b.url = "https://example.com/b"
        let r = try await store.ingest([a, b])
        guard case .added(let seq) = r[0] else { Issue.record("\(r)"); return }
        #expect(r[1] == .duplicate(seq: seq))
    }

    static func updateKeepsRevisions(_ store: any NewsStore) async throws {
        let a = incoming("Acme to buy Beta for $1B", guid: "g-2")
        var b = a
        b.body = "Acme agreed to buy Beta for $1.2 billion, up from an earlier offer."
        b.received = t0.addingTimeInterval(60)
        let r1 = try await store.ingest([a])
        let r2 = try await store.ingest([b])
        guard case .added(let seq) = r1[0] else { Issue.record("\(r1)"); return }
        #expect(r2 == [.updated(seq: seq, revision: 2)])
        let stored = try #require(try await store.article(seq))
        #expect(stored.body == b.body)
        #expect(stored.revision == 2)
        #expect(stored.updated == b.received)
        let revisions = try await store.revisions(of: seq)
        #expect(revisions.map(\.kind) == [.created, .updated])
        #expect(try await store.count() == 1)
    }

    static func sequenceGrows(_ store: any NewsStore) async throws {
        let r = try await store.ingest((0..<20).map { incoming("Story \($0)", guid: "s\($0)") })
        let seqs = r.compactMap { if case .added(let s) = $0 { s } else { nil } }
        #expect(seqs.count == 20)
        #expect(seqs == seqs.sorted())
        #expect(Set(seqs).count == 20)
    }

    static func filters(_ store: any NewsStore) async throws {
        _ = try await store.ingest([
            incoming("Apple beats", guid: "1", published: t0, tickers: ["AAPL"], events: ["earnings"], sentiment: 0.6),
            incoming(
                "Apple and Microsoft team up", guid: "2", published: t0.addingTimeInterval(3600), tickers: ["MSFT", "AAPL"], events: ["partnership"]),
            incoming(
                "Microsoft fined", source: "other", guid: "3", published: t0.addingTimeInterval(7200), tickers: ["MSFT"], events: ["regulatory"],
                sentiment: -0.5),
            incoming("Markets wrap", guid: "4", published: t0.addingTimeInterval(10_800)),
        ])
        func titles(_ q: NewsQuery) async throws -> [String] { try await store.search(q).articles.map(\.title) }
        #expect(try await titles(NewsQuery(tickers: ["AAPL"])) == ["Apple and Microsoft team up", "Apple beats"])
        #expect(try await titles(NewsQuery(tickers: ["aapl"], minRelevance: 75)) == ["Apple beats"])
        #expect(try await titles(NewsQuery(eventTypes: ["regulatory", "earnings"])) == ["Microsoft fined", "Apple beats"])
        #expect(try await titles(NewsQuery(from: t0.addingTimeInterval(3600), to: t0.addingTimeInterval(7200))) == ["Apple and Microsoft team up"])
        #expect(try await titles(NewsQuery(minSentiment: 0.5)) == ["Apple beats"])
        #expect(try await titles(NewsQuery(maxSentiment: -0.35)) == ["Microsoft fined"])
        #expect(try await titles(NewsQuery(sources: ["other"])) == ["Microsoft fined"])
        #expect(try await titles(NewsQuery(tickers: ["MSFT"], eventTypes: ["partnership"])) == ["Apple and Microsoft team up"])
        #expect(try await titles(NewsQuery(tickers: ["ZZZZ"])).isEmpty)
    }

    static func fullText(_ store: any NewsStore) async throws {
        _ = try await store.ingest([
            incoming("Chipmaker raises outlook", "Demand for data center chips keeps growing.", guid: "1"),
            incoming("Retailer cuts outlook", "Weak demand for clothing.", guid: "2"),
            incoming("Data center boom", "Data center spending data center buildout data center chips.", guid: "3"),
        ])
        let hits = try await store.search(NewsQuery(text: "data center", order: .relevance)).articles.map(\.title)
        #expect(hits == ["Data center boom", "Chipmaker raises outlook"])
        #expect(try await store.search(NewsQuery(text: "demand outlook")).articles.count == 2)
        // Stemming: "growing" finds "grow".
        #expect(try await store.search(NewsQuery(text: "grow")).articles.map(\.title) == ["Chipmaker raises outlook"])
        // FTS syntax and SQL in user text are just words.
        #expect(try await store.search(NewsQuery(text: "demand\" OR 1=1; DROP TABLE article; --")).articles.isEmpty)
        #expect(try await store.count() == 3)
    }

    static func storyPrints(_ store: any NewsStore) async throws {
        #expect(try await store.newestSeq() == 0)
        var printed = incoming("Acme buys SkyLift", guid: "p1")
        printed.analysis.story = "story-1"
        printed.storyPrint = StoryPrint(keys: [1, 2, .max], sketch: 7, facts: [9], companies: 1 << 63, time: 1_700_000_000.5, origin: 42)
        let unprinted = incoming("No story place", guid: "p2")
        let seqs = try await store.ingest([printed, unprinted, printed]).map(\.seq)
        #expect(try await store.newestSeq() == seqs[1])
        let placed = try await store.placedStories(after: 0, limit: 10)
        #expect(placed == [PlacedStory(seq: seqs[0], story: "story-1", print: try #require(printed.storyPrint))], "once, and only the printed")
        #expect(try await store.placedStories(after: seqs[0], limit: 10).isEmpty)
    }

    static func searchSyntax(_ store: any NewsStore) async throws {
        _ = try await store.ingest([
            incoming("Fed cuts rates", "The central bank lowered borrowing costs.", guid: "s1"),
            incoming("Fed holds rates steady", "No change this month; cuts may come later.", guid: "s2"),
            incoming("ECB cuts rates", "Europe's central bank eased again.", guid: "s3"),
            incoming("Retailer plans layoffs", "Stores will close as sales fall.", guid: "s4"),
        ])
        func titles(_ text: String) async throws -> Set<String> { Set(try await store.search(NewsQuery(text: text)).articles.map(\.title)) }
        #expect(try await titles("fed rates") == ["Fed cuts rates", "Fed holds rates steady"])
        #expect(try await titles("\"cuts rates\"") == ["Fed cuts rates", "ECB cuts rates"], "a phrase, not its words anywhere")
        #expect(try await titles("rates -fed") == ["ECB cuts rates"])
        #expect(try await titles("rates -\"holds rates\"") == ["Fed cuts rates", "ECB cuts rates"])
        #expect(try await titles("layoffs or ecb") == ["ECB cuts rates", "Retailer plans layoffs"])
        #expect(try await titles("\"rate cut\" OR layoffs") == ["Retailer plans layoffs"])
        #expect(try await titles("holds fed or europe") == ["Fed holds rates steady", "ECB cuts rates"], "(a and b) or c")
        #expect(try await titles("rates -fed or layoffs") == ["ECB cuts rates", "Retailer plans layoffs"])
        let ranked = try await store.search(NewsQuery(text: "layoffs or cuts -fed", order: .relevance)).articles.map(\.title)
        #expect(Set(ranked) == ["ECB cuts rates", "Retailer plans layoffs"])
        for refused in ["-fed", "-fed -ecb", "-fed or ecb", "!!! ---", "or"] {
            await #expect(throws: NewsQueryError.self, "\(refused)") { try await store.search(NewsQuery(text: refused)) }
        }
    }

    static func punctuatedWords(_ store: any NewsStore) async throws {
        _ = try await store.ingest([
            incoming("U.S.-China talks lift chipmakers", "Shares rose 3.5% to $41.20; details at example.com.", guid: "p1"),
            incoming("Bank of America's e-commerce unit", "Straße and naïve Müller's deals were priced in the Q4 period.", guid: "p2"),
            incoming("Banks in America", "A lender of last resort, said nothing.", guid: "p3"),
        ])
        func titles(_ text: String) async throws -> Set<String> { Set(try await store.search(NewsQuery(text: text)).articles.map(\.title)) }
        #expect(try await titles("u.s.-china") == ["U.S.-China talks lift chipmakers"])
        #expect(try await titles("\"china talks\"") == ["U.S.-China talks lift chipmakers"], "the hyphen splits words")
        #expect(try await titles("3.5% 41.20") == ["U.S.-China talks lift chipmakers"])
        #expect(try await titles("example.com") == ["U.S.-China talks lift chipmakers"])
        #expect(try await titles("3.6").isEmpty)
        #expect(try await titles("\"bank of america\"").contains("Bank of America's e-commerce unit"))
        #expect(try await titles("\"bank america\"").isEmpty, "a stopword keeps its place")
        #expect(try await titles("e-commerce") == ["Bank of America's e-commerce unit"])
        #expect(try await titles("müller naïve straße q4") == ["Bank of America's e-commerce unit"])
        #expect(try await titles("MÜLLER") == ["Bank of America's e-commerce unit"], "letters beyond ASCII fold case")
        #expect(try await titles("bank america") == ["Bank of America's e-commerce unit", "Banks in America"])
        #expect(try await titles("lenders resorts") == ["Banks in America"], "stemmed")
    }

    static func storiesAndPaging(_ store: any NewsStore) async throws {
        var items = (0..<6).map { incoming("Story item \($0)", guid: "st\($0)", tickers: ["MSFT"]) }
        for k in items.indices {
            items[k].analysis.story = k < 3 ? "story-a" : "story-b"
            items[k].received = t0.addingTimeInterval(Double(k) * 60)
        }
        let seqs = try await store.ingest(items).map { o -> Int64 in
            if case .added(let s) = o { return s }
            return -1
        }
        #expect(try await store.search(NewsQuery(story: "story-b")).articles.map(\.seq) == Array(seqs[3...].reversed()))
        let since = try await store.search(NewsQuery(changedSince: t0.addingTimeInterval(240))).articles.map(\.seq)
        #expect(since == [seqs[5], seqs[4]])
        let oldest = try await store.search(NewsQuery(tickers: ["MSFT"], limit: 4, order: .oldest))
        #expect(oldest.articles.map(\.seq) == Array(seqs[0..<4]))
        let rest = try await store.search(NewsQuery(tickers: ["MSFT"], cursor: oldest.nextCursor, limit: 4, order: .oldest))
        #expect(rest.articles.map(\.seq) == Array(seqs[4...]))
        #expect(try await store.search(NewsQuery(tickers: ["MSFT"], limit: 2, offset: 2)).articles.map(\.seq) == [seqs[3], seqs[2]])
        #expect(try await store.search(NewsQuery(text: "story item", limit: 2, offset: 4)).articles.map(\.seq) == [seqs[1], seqs[0]])
        await #expect(throws: NewsQueryError.self) { try await store.search(NewsQuery(offset: -1)) }
    }

    static func pagination(_ store: any NewsStore) async throws {
        _ = try await store.ingest((0..<25).map { incoming("Item \($0)", guid: "p\($0)", tickers: ["AAPL"]) })
        var seen: [Int64] = []
        var cursor: String?
        repeat {
            let page = try await store.search(NewsQuery(tickers: ["AAPL"], cursor: cursor, limit: 10))
            seen += page.articles.map(\.seq)
            cursor = page.nextCursor
        } while cursor != nil
        #expect(seen.count == 25)
        #expect(seen == seen.sorted(by: >))
        // Catch-up from a sequence number reads forward.
        let after = try await store.search(NewsQuery(after: seen[10], limit: 100)).articles.map(\.seq)
        #expect(after == Array(seen[0..<10].reversed()))
    }

    static func removal(_ store: any NewsStore) async throws {
        let r = try await store.ingest([incoming("To be pulled", guid: "r1", tickers: ["AAPL"]), incoming("Stays", guid: "r2", tickers: ["AAPL"])])
        guard case .added(let seq) = r[0] else { Issue.record("\(r)"); return }
        #expect(try await store.remove(seq, at: t0.addingTimeInterval(100)))
        #expect(try await store.remove(seq, at: t0.addingTimeInterval(200)) == false)
        #expect(try await store.article(seq) == nil)
        #expect(try await store.search(NewsQuery(tickers: ["AAPL"])).articles.map(\.title) == ["Stays"])
        #expect(try await store.removals(since: t0, limit: 10) == [Removal(seq: seq, removedAt: t0.addingTimeInterval(100))])
        #expect(try await store.removals(since: t0.addingTimeInterval(101), limit: 10).isEmpty)
        // Sent again, it stays removed rather than coming back as new.
        #expect(try await store.ingest([incoming("To be pulled", guid: "r1", tickers: ["AAPL"])]) == [.duplicate(seq: seq)])
    }

    static func analysisRoundTrip(_ store: any NewsStore) async throws {
        let a = incoming("Acme upgraded", guid: "rt", tickers: ["ACME", "BETA"], events: ["analyst_rating"], sentiment: 0.42)
        let r = try await store.ingest([a])
        guard case .added(let seq) = r[0] else { Issue.record("\(r)"); return }
        let stored = try #require(try await store.article(seq))
        #expect(stored.analysis == a.analysis)
        #expect(stored.title == a.title)
        #expect(stored.published == a.published)
        #expect(stored.contentHash == a.contentHash)
    }

    static func badQueries(_ store: any NewsStore) async throws {
        await #expect(throws: NewsQueryError.self) { try await store.search(NewsQuery(limit: 0)) }
        await #expect(throws: NewsQueryError.self) { try await store.search(NewsQuery(cursor: "nonsense")) }
        await #expect(throws: NewsQueryError.self) { try await store.search(NewsQuery(text: "   \"  ")) }
    }
}
