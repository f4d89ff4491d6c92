import Foundation
import NewsModel

/// Turns an article into an analysed article: clean the text, then run each enricher.
///
/// Pure and thread-safe: one analyzer is built once and shared by all workers.
public struct NewsAnalyzer: Sendable {
    public let master: SecurityMaster
    private let tagger: TickerTagger
    private let amounts = AmountExtractor()
    private let dates = DateExtractor()
    private let lexicon: Lexicon
    private let events: EventDetector
    private let sentiment: SentimentScorer
    private let consistency = ConsistencyChecker()

    public init(master: SecurityMaster, lexicon: Lexicon = .shared) {
        self.master = master
        self.tagger = TickerTagger(master: master)
        self.lexicon = lexicon
        self.events = EventDetector(lexicon: lexicon)
        self.sentiment = SentimentScorer(lexicon: lexicon)
    }

    /// Everything but the story and novelty, which need the articles before this one (see `StoryIndex`).
    public func analyze(_ article: Article) -> AnalyzedArticle { enrich(tag(article)) }

    /// The first stage: the cleaned text, its companies, amounts and dates.
    ///
    /// Split from `enrich` so a batch can run each stage over all its articles in turn: the tagger's automaton is
    /// large and bound by memory, and it keeps more of itself in cache when the insight tables do not run between.
    public func tag(_ article: Article) -> TaggedArticle {
        let text = Self.clean(article)
        let tokens = TokenizedText(text)
        let tags = tagger.tag(text, tokens: tokens, published: article.published)
        return TaggedArticle(
            article: article, text: text, tokens: tokens, instruments: tags.instruments, organizations: tags.organizations,
            amounts: amounts.extract(from: text, tokens: tokens), dates: dates.extract(from: text, tokens: tokens, published: article.published))
    }

    /// The second stage: events, sentiment, flags and the fingerprint.
    public func enrich(_ tagged: TaggedArticle) -> AnalyzedArticle {
        let text = tagged.text
        var instruments = tagged.instruments
        var tokens = tagged.tokens
        tokens.identifyWords(lexicon.words, in: text)
        let entities = ArticleEntities(
            instruments: instruments, organizations: tagged.organizations, text: text, tokens: tokens, lexicon: lexicon)
        let scores = sentiment.scoreArticle(tokens: tokens, entities: entities, instrumentCount: instruments.count)
        for k in instruments.indices { instruments[k].sentiment = scores.instruments[k] }
        let fingerprint = StoryFingerprint(tokens.tokens)
        return AnalyzedArticle(
            article: tagged.article, cleanedBytes: text.bytes, instruments: instruments, organizations: tagged.organizations,
            amounts: tagged.amounts, dates: tagged.dates,
            events: events.detect(text: text, tokens: tokens, entities: entities, instruments: instruments, amounts: tagged.amounts),
            flags: consistency.check(text: text, tokens: tokens, amounts: tagged.amounts, entities: entities, lexicon: lexicon),
            sentiment: scores.article, fingerprint: fingerprint.bandKeys, sketch: fingerprint.sketch)
    }

    /// One sentence's sentiment, as `eval sentiment` measures it; needs no security master.
    public static func sentiment(ofSentence sentence: String, lexicon: Lexicon = .shared) -> Sentiment {
        let tokens = TokenizedText(ArticleText(title: "", body: sentence), words: lexicon.words)
        return Sentiment(score: SentimentScorer(lexicon: lexicon).score(tokens.tokens[...]))
    }

    /// HTML to text, the title from the page when none was given, provider footers cut. Plain text (nearly all
    /// articles) stays in bytes from input to `ArticleText`.
    public static func clean(_ article: Article) -> ArticleText {
        var title = article.title
        var body: [UInt8]
        if HTMLToText.looksLikeHTML(article.body) {
            let page = HTMLToText.convert(article.body)
            body = Array(page.text.utf8)
            if title.isEmpty, let t = page.title { title = t }
        } else {
            var raw = article.body
            body = raw.withUTF8 { HTMLToText.normalizeWhitespace(bytes: $0) }
        }
        // One look at the title's bytes for what needs work (most titles need none).
        let (markup, lineBreaks) = title.withUTF8 { t in
            (t.contains(UInt8(ascii: "<")) || t.contains(UInt8(ascii: "&")), t.contains(10) || t.contains(13))
        }
        if markup {
            title = HTMLToText.looksLikeHTML(title) ? HTMLToText.convert(title).text : HTMLToText.decodeEntities(title)
        }
        if lineBreaks || markup && title.utf8.contains(where: { $0 == 10 || $0 == 13 }) {
            title = String(title.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
        }
        return ArticleText(title: title, bodyBytes: body[..<FooterStripper.storyEnd(body)])
    }
}

/// An article after the first stage of analysis (see `NewsAnalyzer.tag`).
public struct TaggedArticle: Sendable {
    public var article: Article
    public var text: ArticleText
    /// Sentences and words, without word ids until `enrich` looks them up.
    public var tokens: TokenizedText
    public var instruments: [TaggedInstrument]
    public var organizations: [Organization]
    public var amounts: [Amount]
    public var dates: [DateMention]
}
