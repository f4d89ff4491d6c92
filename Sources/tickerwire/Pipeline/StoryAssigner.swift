import NewsAnalysis
import NewsModel

/// The stories of the articles so far, for one run over any number of inputs. Only the batch whose turn it is
/// touches it (batches wait for each other in order), so it needs no lock.
final class StoryAssigner: @unchecked Sendable {
    private var index = StoryIndex()
    /// Articles without a published time take the time of the article before them.
    private var lastTime = 0.0

    func assign(_ a: inout AnalyzedArticle) {
        if let p = a.article.published { lastTime = p.timeIntervalSince1970 }
        index.assign(&a, at: lastTime)
    }
}
