import NewsModel

/// The recent stories, for clustering articles as they arrive: the same wire story from three outlets is one story.
///
/// An article joins a story when, within the window (24 h), it shares with an earlier article
/// - a MinHash band key of its text, and enough of the rest (a copy, or a light edit: see `StoryFingerprint`), or
/// - a fact: the same event type, company and figure ("YUMC offering $2.2B"), as a rewrite states it.
///
/// and it names a company of that story (when both name any): the same template about two companies ("Apple
/// announces a recall", "Microsoft announces a recall") is two stories.
///
/// Every key is one hash-table entry, so a lookup costs the same among a thousand or a million recent articles.
/// Not thread-safe: one pipeline keeps one index and feeds it articles in order.
public struct StoryIndex: Sendable {
    public let window: Double

    private struct Entry {
        var story: Int32
        /// Seconds since `epoch`: sixteen bytes an entry, with millions of them held.
        var time: Int32
        /// The sketch of the text that wrote a band key, to compare with (0 for a fact: a fact needs no likeness).
        var sketch: UInt64
    }

    private var entries: [UInt64: Entry] = [:]
    /// Keys in the order they were written, with their times: expiry pops from the front, a few per article, so no
    /// article ever waits for a sweep of the whole table.
    private var order: [(key: UInt64, time: Int32)] = []
    private var orderHead = 0
    private var epoch: Double?
    /// Per story: its id, its articles, when it began, and the companies it names (one bit of 64 for each symbol's
    /// hash: a shared bit may rarely join two companies, never part one).
    private var stories: [(id: String, count: Int32, first: Double, companies: UInt64)] = []
    /// Stories before this serial have been dropped from `stories`.
    private var storyBase = 0
    /// The serial of each story id still held (for `observe`, which is given ids).
    private var serials: [String: Int32] = [:]

    /// Keys held (band keys and facts, each counted once).
    public var count: Int { entries.count }

    public init(window: Double = 86_400) { self.window = window }

    /// Places an article in a story: its id, and a novelty of 100 for a new story, then 60, 30, 20, … for repeats.
    public mutating func assign(_ article: inout AnalyzedArticle, at time: Double) {
        let print = StoryPrint(
            keys: article.fingerprint, sketch: article.sketch, facts: Self.facts(of: article),
            companies: Self.companies(article.instruments.map(\.instrument.symbol)), time: time)
        let (story, novelty) = assign(keys: print.keys, sketch: print.sketch, facts: print.facts, companies: print.companies, at: time)
        article.story = story
        article.novelty = novelty
        article.storyPrint = print
    }

    /// Takes in an article another index placed (another node's, or this node's before a restart): it joins the
    /// story it was given, made here when this index has not seen it, so later articles cluster with it and count it.
    public mutating func observe(_ print: StoryPrint, story id: String) {
        start(at: print.time)
        let s: Int32
        if let known = serials[id], Int(known) >= storyBase {
            s = known
            join(known, companies: print.companies)
        } else {
            s = newStory(id, at: print.time, companies: print.companies)
        }
        hold(keys: print.keys, sketch: print.sketch, facts: print.facts, of: s, at: print.time)
    }

    /// The companies bits of these symbols (0 for none: such an article may join any story).
    public static func companies(_ symbols: [String]) -> UInt64 {
        symbols.reduce(0) { bits, symbol in
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for b in symbol.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
            return bits | 1 << (h % 64)
        }
    }

    /// The story an article with these band keys and sketch (see `StoryFingerprint`), facts, and companies (see
    /// `companies`) belongs to at `time`, if any: one hash lookup per key.
    public func lookup(keys: [UInt64], sketch: UInt64 = 0, facts: [UInt64] = [], companies: UInt64 = 0, at time: Double) -> Int32? {
        guard let epoch else { return nil }
        let now = Self.seconds(time - epoch)
        func story(_ key: UInt64, _ sketch: UInt64) -> Int32? {
            guard let e = entries[key], Double(Int64(now) - Int64(e.time)) <= window, Int(e.story) >= storyBase,
                StoryFingerprint.alike(sketch, e.sketch)
            else { return nil }
            let theirs = stories[Int(e.story) - storyBase].companies
            return companies == 0 || theirs == 0 || companies & theirs != 0 ? e.story : nil
        }
        for key in keys { if let s = story(key, sketch) { return s } }
        for key in facts { if let s = story(key, 0) { return s } }
        return nil
    }

    public mutating func assign(
        keys: [UInt64], sketch: UInt64 = 0, facts: [UInt64] = [], companies: UInt64 = 0, at time: Double
    ) -> (story: String, novelty: Int) {
        start(at: time)
        let s: Int32
        let novelty: Int
        if let found = lookup(keys: keys, sketch: sketch, facts: facts, companies: companies, at: time) {
            s = found
            novelty = 60 / Int(join(found, companies: companies) - 1)
        } else {
            s = newStory(Self.storyID(keys.first ?? facts.first ?? 0, time), at: time, companies: companies)
            novelty = 100
        }
        hold(keys: keys, sketch: sketch, facts: facts, of: s, at: time)
        return (stories[Int(s) - storyBase].id, novelty)
    }

    /// Sets the epoch at the first article, and drops what is out of the window at `time`.
    private mutating func start(at time: Double) {
        if epoch == nil { epoch = time }
        expire(before: time - window)
    }

    /// Counts one more article into a held story; returns its count.
    @discardableResult
    private mutating func join(_ story: Int32, companies: UInt64) -> Int32 {
        let k = Int(story) - storyBase
        stories[k].count += 1
        stories[k].companies |= companies
        return stories[k].count
    }

    /// A new story, first seen at `time`: its serial.
    private mutating func newStory(_ id: String, at time: Double, companies: UInt64) -> Int32 {
        let s = Int32(storyBase + stories.count)
        stories.append((id, 1, time, companies))
        serials[id] = s
        return s
    }

    /// Holds an article's band keys (with its sketch) and fact keys for `story`.
    private mutating func hold(keys: [UInt64], sketch: UInt64, facts: [UInt64], of story: Int32, at time: Double) {
        let now = Self.seconds(time - epoch!)
        for key in keys { write(key, Entry(story: story, time: now, sketch: sketch)) }
        for key in facts { write(key, Entry(story: story, time: now, sketch: 0)) }
    }

    private mutating func write(_ key: UInt64, _ entry: Entry) {
        entries[key] = entry
        order.append((key, entry.time))
    }

    /// Seconds from the first article, held in 32 bits: times 68 years or more away (a malformed date) saturate
    /// instead of trapping.
    static func seconds(_ offset: Double) -> Int32 {
        guard offset.isFinite else { return offset > 0 ? .max : .min }
        return Int32(max(Double(Int32.min), min(Double(Int32.max), offset.rounded(.down))))
    }

    /// Drops keys written before `cutoff` (unless written again since), and the stories that started before it.
    private mutating func expire(before cutoff: Double) {
        guard let epoch else { return }
        let limit = Self.seconds(cutoff - epoch)
        while orderHead < order.count, order[orderHead].time < limit {
            let (key, time) = order[orderHead]
            if entries[key]?.time == time { entries[key] = nil }
            orderHead += 1
        }
        if orderHead > 4096 && orderHead * 2 > order.count {
            order.removeFirst(orderHead)
            orderHead = 0
        }
        // A story whose first article is two windows old has no keys left in time.
        var old = 0
        while old < stories.count, stories[old].first < cutoff - window { old += 1 }
        if old > 0 {
            for story in stories.prefix(old) { serials[story.id] = nil }
            stories.removeFirst(old)
            storyBase += old
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
        let h = StoryFingerprint.mix(key ^ time.bitPattern)
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
