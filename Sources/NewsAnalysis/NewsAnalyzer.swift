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

    public init(master: SecurityMaster) {
        self.master = master
        self.tagger = TickerTagger(master: master)
    }

    public func analyze(_ article: Article) -> AnalyzedArticle {
        let text = Self.clean(article)
        let tags = tagger.tag(text, published: article.published)
        return AnalyzedArticle(
            article: article, cleanedBytes: text.bytes, instruments: tags.instruments, organizations: tags.organizations,
            amounts: amounts.extract(from: text), dates: dates.extract(from: text, published: article.published))
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
        if title.utf8.contains(UInt8(ascii: "<")) || title.utf8.contains(UInt8(ascii: "&")) {
            title = HTMLToText.looksLikeHTML(title) ? HTMLToText.convert(title).text : HTMLToText.decodeEntities(title)
        }
        if title.utf8.contains(10) || title.utf8.contains(13) { title = String(title.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 }) }
        return ArticleText(title: title, bodyBytes: body[..<FooterStripper.storyEnd(body)])
    }
}
