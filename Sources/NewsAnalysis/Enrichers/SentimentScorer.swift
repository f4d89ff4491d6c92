import NewsModel

/// Scores sentences with the finance lexicon of `SentimentLexicon` and a few rules, then gives each company the
/// sentences that concern it and the article a score of its own.
///
/// Within a clause, a movement word is read with the metric beside it: "profit rose" and "costs fell" are good news,
/// "sales fell" and "losses widened" bad. A negator ("not", "didn't", "failed to") in the three words before a word
/// turns it around; an intensifier strengthens it, a diminisher weakens it. After a contrast ("but", "however") the
/// new clause counts double the old one.
struct SentimentScorer: Sendable {
    let lexicon: Lexicon

    init(lexicon: Lexicon) { self.lexicon = lexicon }

    /// The article's score and each instrument's: a damped mean of the scores of the sentences concerned (the
    /// title's count double), so one mild sentence in a long story does not make it Bullish.
    func scoreArticle(tokens: TokenizedText, entities: ArticleEntities, instrumentCount: Int) -> (
        article: Sentiment, instruments: [Sentiment?]
    ) {
        var articleSum = 0.0
        var articleWeight = 0.0
        var sums = [Double](repeating: 0, count: instrumentCount)
        var weights = [Double](repeating: 0, count: instrumentCount)
        var concerned = [Bool](repeating: false, count: instrumentCount)
        for (k, s) in tokens.sentences.enumerated() {
            let v = score(tokens.tokens[s.tokenRange])
            let w = s.inTitle ? 2.0 : 1.0
            if v != 0 {
                articleSum += v * w
                articleWeight += w
            }
            for e in entities.perSentence[k] {
                guard let i = entities.entities[e].instrument else { continue }
                concerned[i] = true
                if v != 0 {
                    sums[i] += v * w
                    weights[i] += w
                }
            }
        }
        let article = Sentiment(score: articleSum / (articleWeight + 1))
        let instruments = (0..<instrumentCount).map { i in concerned[i] ? Sentiment(score: sums[i] / (weights[i] + 1)) : nil }
        return (article, instruments)
    }

    /// One sentence's score in −1…1.
    func score(_ tokens: ArraySlice<TokenizedText.Token>) -> Double {
        var total: Double = 0
        var clause = Clause()
        var k = tokens.startIndex
        while k < tokens.endIndex {
            let t = tokens[k]
            let role = lexicon.role(t.word)
            if role.contains(.contrast) {
                // What follows a contrast counts double what came before it.
                total = (total + clause.value()) * 0.5
                clause = Clause()
                k += 1
                continue
            }
            if role.contains(.goodMetric) { clause.metric(+1, at: k) }
            if role.contains(.badMetric) { clause.metric(-1, at: k) }
            if role.contains(.up) || role.contains(.down) {
                // "up to" is a limit, not a movement.
                if !(t.word == lexicon.upWord && k + 1 < tokens.endIndex && tokens[k + 1].word == lexicon.toWord) {
                    let modifier = modifier(tokens, before: k)
                    let alone = Double(max(abs(lexicon.polarity(t.word)), SentimentLexicon.movementAlone))
                    let sign: Double = role.contains(.up) ? 1 : -1
                    clause.movement(sign * modifier, alone: sign * alone * modifier, at: k)
                }
            } else if t.word >= 0 {
                let p = lexicon.polarity(t.word)
                if p != 0 { clause.words += Double(p) * modifier(tokens, before: k) }
            }
            k += 1
        }
        total += clause.value()
        // Squashed so one clear word gives about ±0.6 and more words approach ±1.
        return min(1, max(-1, 1.4 * total / (total.magnitude + 1)))
    }

    /// The sign and strength the words before `at` give it: −0.8 after a negator, 1.5 after an intensifier.
    private func modifier(_ tokens: ArraySlice<TokenizedText.Token>, before at: Int) -> Double {
        var m: Double = 1
        var k = at - 1
        while k >= tokens.startIndex && k >= at - 3 {
            let t = tokens[k]
            let role = lexicon.role(t.word)
            if role.contains(.contrast) { break }
            if role.contains(.negator) || t.flags.contains(.negatedContraction) { m *= -0.8 }
            if k >= at - 2 {
                if role.contains(.intensifier) { m *= 1.5 }
                if role.contains(.diminisher) { m *= 0.5 }
            }
            k -= 1
        }
        return m
    }

    /// What one clause says: lexicon words, and movements read with a metric. A metric within three words after
    /// the movement is its object and wins ("cut its dividend", "raised guidance"); else the metric before it is its
    /// subject ("sales rose"); else the first metric after. Kept as running sums: no storage per clause.
    private struct Clause {
        var words: Double = 0
        private var metricSign: Double?
        private var resolved: Double = 0
        /// Movements seen before any metric: their signs, and their weight alone should no metric follow.
        private var pendingSigns: Double = 0
        private var pendingAlone: Double = 0
        /// The last movement that has a metric before it, held for three words in case its object follows.
        private var held: (sign: Double, at: Int, subject: Double)?

        mutating func metric(_ sign: Double, at: Int) {
            if let h = held {
                resolved += h.sign * (at - h.at <= 3 ? sign : h.subject)
                held = nil
            }
            if metricSign == nil {
                resolved += pendingSigns * sign
                pendingSigns = 0
                pendingAlone = 0
            }
            metricSign = sign
        }

        mutating func movement(_ sign: Double, alone: Double, at: Int) {
            if let h = held { resolved += h.sign * h.subject }
            held = nil
            if let m = metricSign {
                held = (sign, at, m)
            } else {
                pendingSigns += sign
                pendingAlone += alone
            }
        }

        func value() -> Double { words + resolved + pendingAlone + (held.map { $0.sign * $0.subject } ?? 0) }
    }
}
