import NewsModel

/// The recent stories, for clustering articles as they arrive: the same wire story from three outlets is one story.
///
/// An article joins a story when, within the window (24 h):
/// - its fingerprint is within 3 bits of an earlier one (a copy or light edit), or
/// - it states the same fact: the same event type, company and figure ("YUMC offering $2.2B"), as a rewrite does.
///
/// Fingerprints are found by the pigeonhole rule: two within 3 bits agree exactly on one of four 16-bit bands, so each
/// band has a table from its value to the entries holding it. Lookup reads a few short lists, not every entry.
/// Not thread-safe: one pipeline keeps one index and feeds it articles in order.
public struct StoryIndex: Sendable {
    public let window: Double
    public static let maxDistance = 3

    private var fingerprints: [UInt64] = []
    private var times: [Double] = []
    private var storyOf: [Int32] = []
    /// Entries before `live` are expired; positions in `bands` count from `base`.
    private var base = 0
    private var bands: [[Int32]] = Array(repeating: [], count: 4 * 65536)
    private var facts: [UInt64: (story: Int32, time: Double)] = [:]
    private var stories: [(id: String, count: Int32, first: Double)] = []
    private var storyBase = 0

    public var count: Int { fingerprints.count }

    public init(window: Double = 86_400) { self.window = window }

    /// Places an article in a story: its id, and a novelty of 100 for a new story, then 60, 30, 20, … for repeats.
    public mutating func assign(_ article: inout AnalyzedArticle, at time: Double) {
        let (story, novelty) = assign(fingerprint: article.fingerprint, facts: Self.facts(of: article), at: time)
        article.story = story
        article.novelty = novelty
    }

    public mutating func assign(fingerprint: UInt64, facts keys: [UInt64], at time: Double) -> (story: String, novelty: Int) {
        expire(before: time - window)
        var story = lookup(fingerprint, at: time)
        if story == nil {
            for key in keys {
                if let f = facts[key], time - f.time <= window, Int(f.story) - storyBase >= 0 {
                    story = f.story
                    break
                }
            }
        }
        let s: Int32
        let novelty: Int
        if let story {
            s = story
            let k = Int(story) - storyBase
            stories[k].count += 1
            novelty = 60 / Int(stories[k].count - 1)
        } else {
            s = Int32(storyBase + stories.count)
            stories.append((Self.storyID(fingerprint, time), 1, time))
            novelty = 100
        }
        insert(fingerprint, time: time, story: s)
        for key in keys { facts[key] = (s, time) }
        return (stories[Int(s) - storyBase].id, novelty)
    }

    /// The story of a recent fingerprint within `maxDistance` bits, if any.
    func lookup(_ fp: UInt64, at time: Double) -> Int32? {
        for band in 0..<4 {
            let list = bands[band << 16 | Int((fp >> UInt64(band * 16)) & 0xFFFF)]
            var k = list.count - 1
            while k >= 0 {
                let e = Int(list[k])
                k -= 1
                guard e >= 0, time - times[e] <= window else { continue }
                if (fingerprints[e] ^ fp).nonzeroBitCount <= Self.maxDistance { return storyOf[e] }
            }
        }
        return nil
    }

    private mutating func insert(_ fp: UInt64, time: Double, story: Int32) {
        let e = Int32(fingerprints.count)
        fingerprints.append(fp)
        times.append(time)
        storyOf.append(story)
        for band in 0..<4 { bands[band << 16 | Int((fp >> UInt64(band * 16)) & 0xFFFF)].append(e) }
    }

    /// Drops entries older than `cutoff` once they are half the index, rebuilding the band tables.
    private mutating func expire(before cutoff: Double) {
        guard let first = times.first, first < cutoff, fingerprints.count >= 1024 else { return }
        let dead = times.firstIndex { $0 >= cutoff } ?? times.count
        guard dead * 2 >= times.count else { return }
        fingerprints.removeFirst(dead)
        times.removeFirst(dead)
        storyOf.removeFirst(dead)
        base += dead
        for k in bands.indices where !bands[k].isEmpty {
            bands[k] = bands[k].compactMap { $0 >= Int32(dead) ? $0 - Int32(dead) : nil }
        }
        facts = facts.filter { $0.value.time >= cutoff }
        let oldStories = stories.prefix { $0.first < cutoff - window }.count
        if oldStories > 0, let oldest = storyOf.min(), Int(oldest) - storyBase >= oldStories {
            stories.removeFirst(oldStories)
            storyBase += oldStories
        }
    }

    /// Keys for the facts an article states: event type, first company, and its figure, rounded to three digits.
    static func facts(of a: AnalyzedArticle) -> [UInt64] {
        var keys: [UInt64] = []
        for e in a.events {
            guard let symbol = e.instruments.first ?? e.organizations.first else { continue }
            let figure: Double
            switch e.attribute("amount") ?? e.attribute("change_percent") ?? e.attribute("pt_current") {
            case .number(let v)?: figure = v
            default: continue
            }
            var h = Hasher()
            h.combine(e.type)
            h.combine(symbol)
            h.combine(roundedToThreeDigits(figure))
            // Hasher is seeded per process; stories only need keys stable within one.
            keys.append(UInt64(bitPattern: Int64(h.finalize())))
        }
        return keys
    }

    static func roundedToThreeDigits(_ v: Double) -> Double {
        guard v != 0, v.isFinite else { return v }
        var scale = 1.0
        while abs(v) * scale >= 1000 { scale /= 10 }
        while abs(v) * scale < 100 { scale *= 10 }
        return (v * scale).rounded() / scale
    }

    static func storyID(_ fp: UInt64, _ time: Double) -> String {
        let h = StoryFingerprint.mix(fp ^ UInt64(bitPattern: Int64(time * 1000)))
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
