import NewsModel

/// Scores how much an article is about each instrument it names (0–100; 75 and over: it is about it).
///
/// A title mention weighs most, then how early the first mention comes, then how often it is named,
/// then how certainly (an explicit ticker is a writer's signal that the company matters).
public enum RelevanceScorer {
    public struct Score: Sendable, Hashable {
        public var relevance: Int
        public var primary: Bool
    }

    public static func score(_ mentions: [[Mention]], textLength: Int) -> [Score] {
        let length = Double(max(textLength, 1))
        var raw: [Double] = mentions.map { list in
            let inTitle = list.contains(where: \.inTitle)
            let first = Double(list.map(\.start).min() ?? 0) / length
            let explicit = list.contains { $0.how == .exchangeTicker || $0.how == .cashtag || $0.how == .nameAndTicker }
            var s = 20.0
            if inTitle { s += 45 }
            s += 20 * max(0, 1 - first * 2)
            s += min(Double(list.count - 1), 4) * 5
            if explicit { s += 10 }
            return min(s, 99)
        }
        // With no instrument in the title, the clear leader of a one-company story is still what it is about.
        let titled = mentions.contains { $0.contains(where: \.inTitle) }
        if !titled, let top = raw.indices.max(by: { raw[$0] < raw[$1] }) {
            let second = raw.indices.filter { $0 != top }.map { raw[$0] }.max() ?? 0
            let counts = mentions[top].count
            if counts >= 2, raw[top] - second >= 15 { raw[top] = max(raw[top], 78) }
        }
        return raw.map { Score(relevance: Int($0.rounded()), primary: $0 >= 75) }
    }
}
