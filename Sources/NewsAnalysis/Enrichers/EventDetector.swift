import NewsModel

/// Finds events sentence by sentence: a cue from `EventCues/` in a sentence, given to the companies the sentence names
/// (or refers back to), with the sentence as evidence and the attributes its cue asks for.
///
/// One event per type and set of companies: the first sentence that states it is its evidence.
struct EventDetector: Sendable {
    let lexicon: Lexicon
    private let ratings = RatingExtractor()
    private let moves = PriceActionExtractor()

    init(lexicon: Lexicon) { self.lexicon = lexicon }

    func detect(
        text: ArticleText, tokens: TokenizedText, entities: ArticleEntities, instruments: [TaggedInstrument], amounts: [Amount]
    ) -> [Event] {
        var events: [Event] = []
        var seen: [(Event.Kind, [String])] = []
        for (k, sentence) in tokens.sentences.enumerated() {
            var concerned = entities.perSentence[k]
            if concerned.isEmpty && sentence.inTitle { concerned = entities.primaries }
            if concerned.isEmpty { continue }
            let found = cues(in: tokens.tokens[sentence.tokenRange])
            if found.isEmpty { continue }
            let (symbols, organizations) = entities.describe(concerned, instruments: instruments)
            let start = text.scalarOffset(sentence.range.lowerBound)
            let end = text.scalarOffset(sentence.range.upperBound)
            let evidence = text.text(sentence.range)
            let inSentence = amounts.filter { $0.start >= start && $0.end <= end }
            let sentenceBytes = Array(text.bytes[sentence.range])
            let located = inSentence.map { (offset: text.byteOffset(ofScalar: $0.start) - sentence.range.lowerBound, amount: $0) }
            for (cue, cueAt) in found {
                let key = (cue.type, symbols.isEmpty ? organizations : symbols)
                if seen.contains(where: { $0 == key }) { continue }
                var attributes: [Event.Attribute] = []
                var ratedSymbols: [String]?
                switch cue.attribute {
                case .none: break
                case .amount:
                    let cueScalar = text.scalarOffset(Int(tokens.tokens[cueAt].start))
                    if let money = inSentence.filter({ $0.kind == .money }).min(by: { abs($0.start - cueScalar) < abs($1.start - cueScalar) }) {
                        attributes.append(.init("amount", .number(money.value)))
                        if let c = money.currency { attributes.append(.init("currency", .text(c))) }
                    }
                case .priceAction:
                    guard let a = moves.extract(sentence: sentenceBytes, figures: located) else { continue }
                    attributes = a
                case .rating:
                    attributes = ratings.extract(
                        sentence: sentenceBytes, figures: located.filter { $0.amount.kind == .price || $0.amount.kind == .money })
                    guard !attributes.isEmpty else { continue }
                    // The broker is a listed company too ("Morgan Stanley upgrades …"): the rating concerns the rated.
                    if case .text(let firm)? = attributes.first(where: { $0.key == "firm" })?.value {
                        ratedSymbols = symbols.filter { symbol in
                            !(instruments.first { ($0.symbolAsPublished ?? $0.instrument.symbol) == symbol }?.mentions.contains {
                                firm.hasPrefix($0.text) || $0.text.hasPrefix(firm)
                            } ?? false)
                        }
                    }
                }
                seen.append(key)
                events.append(
                    Event(
                        type: cue.type, instruments: ratedSymbols ?? symbols, organizations: organizations, text: evidence, start: start, end: end,
                        attributes: attributes))
            }
        }
        return events
    }

    /// The cues found in one sentence, one per event type, in the order their types first match, with the token
    /// each starts at.
    func cues(in tokens: ArraySlice<TokenizedText.Token>) -> [(cue: CompiledCue, at: Int)] {
        var found: [(cue: CompiledCue, at: Int)] = []
        for at in tokens.indices {
            let w = tokens[at].word
            guard lexicon.role(w).contains(.cueStart) else { continue }
            for c in lexicon.cueStartList[Int(lexicon.cueStartOffsets[Int(w)])..<Int(lexicon.cueStartOffsets[Int(w) + 1])] {
                let cue = lexicon.cues[Int(c)]
                if found.contains(where: { $0.cue.type == cue.type }) { continue }
                guard cue.match(tokens, at: at) != nil else { continue }
                if !cue.unless.isEmpty, tokens.contains(where: { cue.unless.contains($0.word) }) { continue }
                if describesUnnamedCompany(tokens, cueAt: at) { continue }
                found.append((cue, at))
            }
        }
        return found
    }

    /// "a blacklisted surveillance firm", "the acquired company": the cue describes a company the sentence does not
    /// name, so the companies it does name are not the ones concerned.
    private func describesUnnamedCompany(_ tokens: ArraySlice<TokenizedText.Token>, cueAt at: Int) -> Bool {
        guard lexicon.words.word(tokens[at].word).hasSuffix("ed") else { return false }
        for k in (at + 1)..<min(at + 3, tokens.endIndex) where lexicon.role(tokens[k].word).contains(.companyNoun) {
            return true
        }
        return false
    }
}
