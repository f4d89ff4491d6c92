import NewsModel

/// The recent stories, for clustering articles as they arrive: the same wire story from three outlets is one story.
///
/// An article joins a story when, within the window (24 h), it shares with an earlier article
/// - a MinHash band key of its text (a copy, or a light edit: see `StoryFingerprint`), or
/// - a fact: the same event type, company and figure ("YUMC offering $2.2B"), as a rewrite states it.
///
/// Every key is one hash-table entry, so a lookup costs the same among a thousand or a million recent articles.
/// Not thread-safe: one pipeline keeps one index and feeds it articles in order.
public struct StoryIndex: Sendable {
    public let window: Double

    private struct Entry {
        var story: Int32
        var time: Double
    }

    private var entries: [UInt64: Entry] = [:]
    private var stories: [(id: String, count: Int32, first: Double)] = []
    /// Stories before this serial have been dropped from `stories`.
    private var storyBase = 0
    private var nextPurge = 0

    /// Keys held (band keys and facts, each counted once).
    public var count: Int { entries.count }

    public init(window: Double = 86_400) { self.window = window }

    /// Places an article in a story: its id, and a novelty of 100 for a new story, then 60, 30, 20, … for repeats.
    public mutating func assign(_ article: inout AnalyzedArticle, at time: Double) {
        let (story, novelty) = assign(keys: article.fingerprint + Self.facts(of: article), at: time)
        article.story = story
        article.novelty = novelty
    }

    public mutating func assign(keys: [UInt64], at time: Double) -> (story: String, novelty: Int) {
        var found: Int32?
        for key in keys {
            if let e = entries[key], time - e.time <= window, Int(e.story) >= storyBase {
                found = e.story
                break
            }
        }
        let s: Int32
        let novelty: Int
        if let found {
            s = found
            let k = Int(found) - storyBase
            stories[k].count += 1
            novelty = 60 / Int(stories[k].count - 1)
        } else {
            s = Int32(storyBase + stories.count)
            stories.append((Self.storyID(keys.first ?? 0, time), 1, time))
            novelty = 100
        }
        for key in keys { entries[key] = Entry(story: s, time: time) }
        if entries.count >= nextPurge { purge(before: time - window) }
        return (stories[Int(s) - storyBase].id, novelty)
    }

    /// Drops keys older than the window, and stories none of whose keys are left; runs when the table has doubled.
    private mutating func purge(before cutoff: Double) {
        entries = entries.filter { $0.value.time >= cutoff }
        let oldest = entries.values.map(\.story).min().map { Int($0) } ?? storyBase + stories.count
        if oldest > storyBase {
            stories.removeFirst(oldest - storyBase)
            storyBase = oldest
        }
        nextPurge = max(1024, entries.count * 2)
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
            var h: UInt64 = 0x1234_5678
            for b in e.type.rawValue.utf8 { h = StoryFingerprint.mix(h ^ UInt64(b)) }
            for b in symbol.utf8 { h = StoryFingerprint.mix(h ^ UInt64(b)) }
            keys.append(StoryFingerprint.mix(h ^ roundedToThreeDigits(figure).bitPattern))
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

    static func storyID(_ key: UInt64, _ time: Double) -> String {
        let h = StoryFingerprint.mix(key ^ UInt64(bitPattern: Int64(time * 1000)))
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
