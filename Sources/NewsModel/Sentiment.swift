/// A sentiment score in −1…1 and the band news-API users know (CONTRACTS.md §3).
public struct Sentiment: Sendable, Hashable, Codable {
    public enum Label: String, Sendable, Hashable, Codable, CaseIterable {
        case bearish = "Bearish"
        case somewhatBearish = "Somewhat-Bearish"
        case neutral = "Neutral"
        case somewhatBullish = "Somewhat-Bullish"
        case bullish = "Bullish"

        public init(score: Double) {
            switch score {
            case ...(-0.35): self = .bearish
            case ...(-0.15): self = .somewhatBearish
            case ..<0.15: self = .neutral
            case ..<0.35: self = .somewhatBullish
            default: self = .bullish
            }
        }
    }

    public var score: Double
    public var label: Label { Label(score: score) }

    public init(score: Double) { self.score = min(1, max(-1, score)) }

    public static let neutral = Sentiment(score: 0)
}
