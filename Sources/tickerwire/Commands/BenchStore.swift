import ArgumentParser
import Foundation
import NewsAnalysis
import NewsStore

/// `tickerwire bench store`: search latency on a store of N generated articles, and its size per article.
struct BenchStore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Time ticker + date-range and two-word full-text searches on N stored articles.",
        discussion: """
            Generates N articles (kept in --path for the next run): 250-word bodies drawn from a Zipf-distributed \
            vocabulary, one to three tickers from the security master with Zipf popularity, a few event types, \
            published over two years. Then times --queries searches of each kind and prints p50, p95 and p99, with the \
            database size per article.
            """)

    @Option(help: "Articles in the store.")
    var articles = 1_000_000

    @Option(help: "Searches of each kind.")
    var queries = 300

    @Option(help: "The database file (reused when it already holds enough articles).")
    var path = ".build-bench/store-bench.sqlite"

    @ArgumentParser.Flag(help: "Print one JSON object instead of text.")
    var json = false

    static let eventTypes = ["earnings", "guidance", "analyst_rating", "merger_acquisition", "price_action", "dividend", "contract", "product"]

    func run() throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let store = try SQLiteNewsStore(path: path)
        let master = try SecurityMaster.bundled()
        let symbols = master.instruments.filter { $0.status == .active }.sorted { $0.prominence > $1.prominence }.prefix(5000).map(\.symbol)
        var rng = SplitMix(seed: 7)
        let words = Self.vocabulary
        let start = Date(timeIntervalSince1970: 1_672_531_200)  // 2023-01-01
        let span = 2 * 365 * 86_400.0
        var have = try blocking { try await store.count() }
        if have < articles {
            let t0 = Date()
            var batch: [StoredArticle.Incoming] = []
            while have < articles {
                let k = have + batch.count
                var body: [String] = []
                body.reserveCapacity(250)
                for _ in 0..<250 { body.append(words[Self.zipf(words.count, &rng)]) }
                let tickers = (0..<(1 + Int(rng.next() % 3))).map { _ in symbols[Self.zipf(symbols.count, &rng)] }
                let events = (0..<Int(rng.next() % 3)).map { _ in Self.eventTypes[Int(rng.next() % UInt64(Self.eventTypes.count))] }
                let published = start.addingTimeInterval(span * Double(k) / Double(articles))
                let sentiment = Double(Int(rng.next() % 201) - 100) / 100
                var a = StoredArticle.Incoming(
                    externalID: "b\(k)", source: "bench", guid: "b\(k)", title: body.prefix(9).joined(separator: " ").capitalized,
                    body: body.joined(separator: " ") + ".", published: published, received: published,
                    analysis: .init(
                        instruments: Array(Set(tickers)).enumerated().map {
                            .init(
                                symbol: $0.element, exchange: "NYSE", name: $0.element, relevance: $0.offset == 0 ? 90 : 40, primary: $0.offset == 0,
                                sentiment: sentiment)
                        },
                        events: events.map { .init(type: $0, instruments: tickers, organizations: [], text: "", attributes: [:]) },
                        sentiment: sentiment))
                a.prepare()
                batch.append(a)
                if batch.count == 2000 || have + batch.count >= articles {
                    let b = batch
                    _ = try blocking { try await store.ingest(b) }
                    have += batch.count
                    batch.removeAll(keepingCapacity: true)
                    if have % 100_000 == 0 { FileHandle.standardError.write(Data("generated \(have)\n".utf8)) }
                }
            }
            try blocking { try await store.optimize() }
            try store.checkpoint()
            FileHandle.standardError.write(Data(String(format: "generated %d articles in %.0f s\n", articles, Date().timeIntervalSince(t0)).utf8))
        }
        let size =
            ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.doubleValue ?? 0)
            + ((try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.doubleValue ?? 0)
        // Ticker + 30-day window, tickers by the same popularity the articles were given.
        var tickerTimes: [Double] = []
        for _ in 0..<queries {
            let from = start.addingTimeInterval(Double(rng.next() % UInt64(span - 30 * 86_400)))
            let q = NewsQuery(tickers: [symbols[Self.zipf(symbols.count, &rng)]], from: from, to: from.addingTimeInterval(30 * 86_400), limit: 50)
            tickerTimes.append(try Self.time { _ = try blocking { try await store.search(q) } })
        }
        // Two words, each among the 2,000 most common: newest first (the default), and best match first.
        var textTimes: [Double] = []
        var rankedTimes: [Double] = []
        for _ in 0..<queries {
            let text = words[Self.zipf(2000, &rng)] + " " + words[Self.zipf(2000, &rng)]
            let newest = NewsQuery(text: text, limit: 50)
            textTimes.append(try Self.time { _ = try blocking { try await store.search(newest) } })
            let ranked = NewsQuery(text: text, limit: 50, order: .relevance)
            rankedTimes.append(try Self.time { _ = try blocking { try await store.search(ranked) } })
        }
        let t = Self.percentiles(tickerTimes)
        let x = Self.percentiles(textTimes)
        let r = Self.percentiles(rankedTimes)
        let perArticle = size / Double(max(have, 1))
        if json {
            print(
                String(
                    format:
                        "{\"articles\": %d, \"ticker_date_p50_ms\": %.2f, \"ticker_date_p95_ms\": %.2f, \"ticker_date_p99_ms\": %.2f, \"text_p50_ms\": %.2f, \"text_p95_ms\": %.2f, \"text_p99_ms\": %.2f, \"ranked_p50_ms\": %.2f, \"ranked_p95_ms\": %.2f, \"ranked_p99_ms\": %.2f, \"bytes_per_article\": %.0f}",
                    have, t.p50, t.p95, t.p99, x.p50, x.p95, x.p99, r.p50, r.p95, r.p99, perArticle))
        } else {
            print("store: \(have) articles, \(Int(size / 1_048_576)) MB (\(Int(perArticle)) bytes an article)")
            print(String(format: "  ticker + 30 days: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms (%d queries)", t.p50, t.p95, t.p99, queries))
            print(String(format: "  two-word text, newest first: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms (%d queries)", x.p50, x.p95, x.p99, queries))
            print(String(format: "  two-word text, best first (BM25): p50 %.2f ms, p95 %.2f ms, p99 %.2f ms", r.p50, r.p95, r.p99))
        }
    }

    static func time(_ work: () throws -> Void) throws -> Double {
        let t0 = DispatchTime.now().uptimeNanoseconds
        try work()
        return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
    }

    static func percentiles(_ v: [Double]) -> (p50: Double, p95: Double, p99: Double) {
        let s = v.sorted()
        func at(_ q: Double) -> Double { s.isEmpty ? 0 : s[min(s.count - 1, Int(Double(s.count) * q))] }
        return (at(0.5), at(0.95), at(0.99))
    }

    /// An index in 0..<n with Zipf(1) probabilities: index 0 most often.
    static func zipf(_ n: Int, _ rng: inout SplitMix) -> Int {
        // Inverse of the continuous approximation: rank ≈ n^u.
        let u = Double(rng.next() >> 11) / Double(1 << 53)
        return min(n - 1, Int(pow(Double(n), u)) - 1)
    }

    /// Ten thousand made-up words (syllable pairs), a stand-in for news vocabulary.
    static let vocabulary: [String] = {
        let syllables = [
            "ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "be", "da", "fo", "gu", "ha", "je", "pi", "re", "su", "ti", "wo", "ze",
            "an", "el", "in", "or", "us", "ar", "en", "is", "on", "ur", "al", "em", "ir", "ol", "um", "ax", "ex", "ix", "ox", "uk",
            "bra", "cre", "dri", "fla", "glo", "pre", "sto", "tra", "pla", "spe", "cor", "mar", "ven", "tal", "nor", "ser", "dal", "fen", "gar",
            "hol",
            "lin", "mon", "pol", "ran", "sil", "tor", "val", "wen", "yar", "zel", "bor", "cal", "del", "fir", "gil", "han", "jor", "kel", "lum",
            "mer",
            "nas", "pel", "quin", "ros", "sen", "tam", "ul", "vor", "wil", "xen",
        ]
        var out: [String] = []
        var k = 0
        while out.count < 10_000 {
            let a = syllables[k % syllables.count]
            let b = syllables[(k / syllables.count) % syllables.count]
            let c = k >= syllables.count * syllables.count ? syllables[(k / 7) % syllables.count] : ""
            out.append(a + b + c)
            k += 1
        }
        return out
    }()
}
