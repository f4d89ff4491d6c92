import NewsModel

/// A cue for an event: a short word pattern that, found in a sentence, says the event happened.
///
/// Patterns are words separated by spaces; `a|b` accepts either word and `~N` skips up to N words:
/// `"raise|raises|raised ~3 price target"` matches "raised its 12-month price target". Words match whole and
/// case-blind. `unless` lists words that, anywhere in the sentence, mean the cue is something else.
/// The families live in `EventCues/`, one file each; `all` is the one list of them.
public struct EventCue: Sendable {
    enum Step: Sendable {
        case words([String])
        case gap(Int)
    }

    /// The attributes an event of this cue carries, read from the sentence.
    public enum Attributes: Sendable {
        case none
        /// The largest money figure in the sentence.
        case amount
        /// Percentage change, price, direction and session.
        case priceAction
        /// Firm, action, ratings and price targets.
        case rating
    }

    let type: Event.Kind
    let steps: [Step]
    let unless: [String]
    let attribute: Attributes

    init(_ type: Event.Kind, _ pattern: String, unless: String = "", attributes: Attributes? = nil) {
        self.type = type
        self.steps = pattern.split(separator: " ").map { part in
            if part.hasPrefix("~"), let n = Int(part.dropFirst()) { return .gap(n) }
            return .words(part.split(separator: "|").map { $0.lowercased() })
        }
        self.unless = unless.split(separator: " ").map { $0.lowercased() }
        self.attribute = attributes ?? (Self.typesWithAmounts.contains(type) ? .amount : .none)
    }

    /// Events whose size is a money figure; the others (a sanction, a listing, a new CEO) carry none.
    static let typesWithAmounts: Set<Event.Kind> = [
        .earnings, .guidance, .mergerAcquisition, .investment, .ipo, .offering, .dividend, .buyback, .contract, .regulatory, .legal,
        .bankruptcy,
    ]

    static let all: [EventCue] =
        analystRatings + results + capitalMarkets + deals + legalAndRegulatory + corporate + priceAction
}

/// An `EventCue` with its words turned into `Lexicon` ids. Word lists are short arrays: a scan beats hashing here.
struct CompiledCue: Sendable {
    enum Step: Sendable {
        case words([Int32])
        case gap(Int)
    }

    let type: Event.Kind
    let steps: [Step]
    let unless: [Int32]
    let attribute: EventCue.Attributes

    /// Whether the cue matches the sentence's words starting at `at` (whose word the first step accepts); the end of
    /// the match if so.
    func match(_ tokens: ArraySlice<TokenizedText.Token>, at: Int) -> Int? {
        matchFrom(step: 1, tokens, at + 1)
    }

    private func matchFrom(step: Int, _ tokens: ArraySlice<TokenizedText.Token>, _ at: Int) -> Int? {
        if step == steps.count { return at }
        switch steps[step] {
        case .words(let ws):
            guard at < tokens.endIndex, ws.contains(tokens[at].word) else { return nil }
            return matchFrom(step: step + 1, tokens, at + 1)
        case .gap(let n):
            for skip in 0...n where at + skip <= tokens.endIndex {
                if let end = matchFrom(step: step + 1, tokens, at + skip) { return end }
            }
            return nil
        }
    }
}
