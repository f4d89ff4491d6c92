import ArgumentParser
import Foundation
import NewsAnalysis

/// `tickerwire bench …`: benchmarks that run on their own, in a release build.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure the speed of one component.",
        subcommands: [BenchStories.self, BenchStore.self, BenchRules.self, BenchAlerts.self, BenchWords.self])
}

/// `tickerwire bench stories`: the cost of placing an article in a story with a full index of recent articles.
struct BenchStories: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stories",
        abstract: "Time StoryIndex lookups (and whole assignments) with N recent articles held.",
        discussion: """
            Fills a StoryIndex with N articles' keys (four MinHash band keys and one fact each, as analysis gives them) \
            within one 24-hour window, then times each further article: the lookup of its keys, and the whole \
            assignment (lookup, insert, expiry). One in ten of the timed articles repeats an earlier story. Prints p50 \
            and p99 per article, and RSS.
            """)

    @Option(help: "Recent articles held in the index.")
    var articles = 1_000_000

    @Option(help: "Articles timed after the fill.")
    var samples = 100_000

    @ArgumentParser.Flag(help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        var generator = SplitMix(seed: 42)
        // Each article: four band keys, one fact, and its sketch.
        func article() -> (keys: [UInt64], fact: [UInt64], sketch: UInt64) {
            ((0..<4).map { _ in generator.next() }, [generator.next()], generator.next())
        }
        var index = StoryIndex()
        var kept: [(keys: [UInt64], fact: [UInt64], sketch: UInt64)] = []
        kept.reserveCapacity(1024)
        let fillStart = DispatchTime.now().uptimeNanoseconds
        // All within the window: 1M articles over 20 hours is about 14 a second.
        let spacing = 72_000.0 / Double(max(articles, 1))
        for k in 0..<articles {
            let a = article()
            if kept.count < 1024 { kept.append(a) }
            _ = index.assign(keys: a.keys, sketch: a.sketch, facts: a.fact, at: Double(k) * spacing)
        }
        let fillSeconds = Double(DispatchTime.now().uptimeNanoseconds - fillStart) / 1e9
        var lookups: [UInt64] = []
        var assigns: [UInt64] = []
        lookups.reserveCapacity(samples)
        assigns.reserveCapacity(samples)
        var repeats = 0
        for k in 0..<samples {
            var a = article()
            if k % 10 == 0 {
                // A copy of an earlier story: it shares a band, and its sketch.
                let earlier = kept[k % kept.count]
                a.keys[2] = earlier.keys[2]
                a.sketch = earlier.sketch
            }
            let at = Double(articles + k) * spacing
            let t0 = DispatchTime.now().uptimeNanoseconds
            let found = index.lookup(keys: a.keys, sketch: a.sketch, facts: a.fact, at: at)
            let t1 = DispatchTime.now().uptimeNanoseconds
            _ = index.assign(keys: a.keys, sketch: a.sketch, facts: a.fact, at: at)
            let t2 = DispatchTime.now().uptimeNanoseconds
            lookups.append(t1 - t0)
            assigns.append(t2 - t1)
            if found != nil { repeats += 1 }
        }
        lookups.sort()
        assigns.sort()
        let p50 = Double(lookups[lookups.count / 2]) / 1000
        let p99 = Double(lookups[lookups.count * 99 / 100]) / 1000
        let assignP50 = Double(assigns[assigns.count / 2]) / 1000
        let assignP99 = Double(assigns[assigns.count * 99 / 100]) / 1000
        let rss = Self.residentMegabytes()
        if json {
            print(
                String(
                    format:
                        "{\"articles\": %d, \"p50_us\": %.3f, \"p99_us\": %.3f, \"assign_p50_us\": %.3f, \"assign_p99_us\": %.3f, \"fill_s\": %.2f, \"rss_mb\": %.0f, \"repeats_found\": %d}",
                    articles, p50, p99, assignP50, assignP99, fillSeconds, rss, repeats))
        } else {
            print(String(format: "stories: %d recent articles held (filled in %.2f s), %d timed", articles, fillSeconds, samples))
            print(String(format: "  lookup per article: p50 %.3f µs, p99 %.3f µs", p50, p99))
            print(String(format: "  assign (lookup, insert, expiry): p50 %.3f µs, p99 %.3f µs", assignP50, assignP99))
            print(String(format: "  repeats found: %d of %d planted; RSS %.0f MB", repeats, samples / 10, rss))
        }
    }

    /// Resident memory from /proc (Linux), or 0.
    static func residentMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kb = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kb / 1024
    }
}

/// A small, seeded random number generator: benchmark inputs are the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
