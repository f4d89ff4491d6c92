import NewsAnalysis
import NewsModel

/// The stories of the articles so far, for one run or one running pipeline. Callers assign in arrival order, one
/// at a time (batches wait for each other), so it needs no lock.
public final class StoryAssigner: @unchecked Sendable {
    private var index = StoryIndex()
    /// Articles without a published time take the time of the article before them.
    private var lastTime = 0.0

    public init() {}

    public func assign(_ a: inout AnalyzedArticle) {
        if let p = a.article.published { lastTime = p.timeIntervalSince1970 }
        index.assign(&a, at: lastTime)
    }
}
