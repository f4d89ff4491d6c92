import ArgumentParser
import Foundation
import NewsAlerts
import NewsAnalysis
import NewsModel

/// `tickerwire bench rules --rules N`: match analysed-article features against N realistic rules.
struct BenchRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Time matching articles against N rules (RuleIndex), beside a naive loop over all rules.",
        discussion: """
            Builds N rules: tickers from the security master with Zipf popularity (alone, with an event, with a \
            relevance threshold, or as a list), event rules with a sentiment threshold, phrase and word rules, and a \
            few with nothing to index. Matches 2,000 generated articles (Zipf tickers, events, 200 words) on one \
            core and prints the p50 and p99 per article, the build time and RSS; the naive loop runs on the first \
            articles for the ratio.
            """)

    @Option(help: "Rules to build.")
    var rules = 1_000_000

    @Option(help: "Articles to match.")
    var articles = 2_000

    @ArgumentParser.Flag(help: "Print one JSON object: rules, p50_us, p99_us, build_s, rss_mb, naive_p50_us, speedup.")
    var json = false

    static let eventTypes = Event.Kind.allCases.map(\.rawValue)
    static let phrases = [
        "share buyback", "price target", "guidance raised", "chief executive", "data center", "supply chain", "record revenue",
        "job cuts", "antitrust probe", "stock split", "dividend increase", "free cash flow", "market share", "cost cutting",
    ]

    /// The most prominent active symbols (the ones users watch), without those that read as rule operators.
    static func watchedSymbols(_ master: SecurityMaster) -> [String] {
        master.instruments.filter { $0.status == .active }.sorted { $0.prominence > $1.prominence }.prefix(8000).map(\.symbol)
            .filter { !["OR", "AND", "NOT"].contains($0) }
    }

    static let vocabulary = (BenchStore.vocabulary.prefix(3000)) + phrases.flatMap { ArticleFeatures.words($0) }

    /// `count` realistic rule queries: tickers with Zipf popularity (alone, with an event, with a relevance threshold,
    /// or as a list), event rules with a sentiment threshold, phrase and word rules, and a few with nothing to index.
    static func ruleTexts(_ count: Int, symbols: [String], rng: inout SplitMix) -> [String] {
        func symbol() -> String { symbols[BenchStore.zipf(symbols.count, &rng)] }
        func event() -> String { eventTypes[Int(rng.next() % UInt64(eventTypes.count))] }
        var texts: [String] = []
        texts.reserveCapacity(count)
        for _ in 0..<count {
            let roll = rng.next() % 100
            switch roll {
            case 0..<30: texts.append("ticker:\(symbol())")
            case 30..<45: texts.append("ticker:\(symbol()) event:\(event())")
            case 45..<60: texts.append("ticker:\(symbol()) relevance>=\(50 + rng.next() % 50)")
            case 60..<70: texts.append("ticker:(\(symbol()) OR \(symbol()) OR \(symbol()))")
            case 70..<82: texts.append("event:\(event()) sentiment<\(-Double(rng.next() % 8) / 10)")
            case 82..<92: texts.append("\"\(phrases[Int(rng.next() % UInt64(phrases.count))])\" -ticker:\(symbol())")
            case 92..<99: texts.append("title:\(vocabulary[200 + BenchStore.zipf(2800, &rng)])")
            default: texts.append(rng.next() % 10 == 0 ? "sentiment<-0.95 novelty>=100" : "ticker:\(symbol()) novelty>=60")
            }
        }
        return texts
    }

    func run() throws {
        let symbols = Self.watchedSymbols(try SecurityMaster.bundled())
        var rng = SplitMix(seed: 11)
        let vocabulary = Self.vocabulary
        func symbol() -> String { symbols[BenchStore.zipf(symbols.count, &rng)] }
        func event() -> String { Self.eventTypes[Int(rng.next() % UInt64(Self.eventTypes.count))] }
        let texts = Self.ruleTexts(rules, symbols: symbols, rng: &rng)
        let parsed = try texts.map { try RuleParser.parse($0) }
        let buildStart = Date()
        var index = RuleIndex()
        for e in parsed { index.add(e) }
        let buildSeconds = Date().timeIntervalSince(buildStart)

        var stream: [ArticleFeatures] = []
        for _ in 0..<articles {
            var relevance: [String: Int] = [:]
            for k in 0..<(1 + Int(rng.next() % 4)) { relevance[symbol()] = k == 0 ? 90 : Int(20 + rng.next() % 60) }
            let events = Set((0..<Int(rng.next() % 3)).map { _ in event() })
            let words = (0..<200).map { _ in vocabulary[BenchStore.zipf(vocabulary.count, &rng)] }
            stream.append(
                ArticleFeatures(
                    relevance: relevance, events: events, sentiment: Double(Int(rng.next() % 200) - 100) / 100,
                    novelty: rng.next() % 3 == 0 ? 100 : 60,
                    titleWords: Array(words.prefix(10)), bodyWords: Array(words.dropFirst(10))))
        }
        var times: [Double] = []
        var hits = 0
        for a in stream {
            let t0 = DispatchTime.now().uptimeNanoseconds
            hits += index.matches(a).count
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1000)
        }
        let naiveSample = stream.prefix(max(3, min(20, 20_000_000 / max(rules, 1))))
        var naiveTimes: [Double] = []
        var agree = true
        for a in naiveSample {
            let t0 = DispatchTime.now().uptimeNanoseconds
            // The naive loop: every rule checked in full, as parsed (ids are the rules' positions, none removed).
            let slow = parsed.indices.filter { parsed[$0].matches(a) }.map { RuleIndex.RuleID($0) }
            naiveTimes.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1000)
            agree = agree && slow == index.matches(a).sorted()
        }
        let p = BenchStore.percentiles(times)
        let naive = BenchStore.percentiles(naiveTimes)
        let rss = BenchStories.residentMegabytes()
        if json {
            print(
                String(
                    format:
                        "{\"rules\": %d, \"p50_us\": %.1f, \"p99_us\": %.1f, \"build_s\": %.2f, \"rss_mb\": %.0f, \"naive_p50_us\": %.0f, \"speedup\": %.0f, \"fallback_rules\": %d, \"matches_per_article\": %.1f, \"agrees_with_naive\": %@}",
                    rules, p.p50, p.p99, buildSeconds, rss, naive.p50, naive.p50 / max(p.p50, 0.001), index.fallbackCount,
                    Double(hits) / Double(max(1, articles)), agree ? "true" : "false"))
        } else {
            print(
                "rules: \(rules) built in \(String(format: "%.2f", buildSeconds)) s; \(index.fallbackCount) in the fallback list; RSS \(Int(rss)) MB")
            print(
                String(
                    format: "  match per article (%d articles, one core): p50 %.1f µs, p99 %.1f µs; %.1f matches an article", articles, p.p50, p.p99,
                    Double(hits) / Double(max(1, articles))))
            print(
                String(
                    format: "  naive loop over all rules (%d articles): p50 %.0f µs — the index is %.0f× faster; same matches: %@", naiveSample.count,
                    naive.p50, naive.p50 / max(p.p50, 0.001), agree ? "yes" : "NO"))
        }
    }
}
