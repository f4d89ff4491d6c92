import Foundation
import NewsModel
import NewsStore

/// One kind of source that is looked at now and then (a feed, a JSON API, a folder). `SourcePoller` schedules it,
/// hands what it finds to the pipeline, and keeps its state.
public protocol PolledSource: Sendable {
    static var kind: SourceConfig.Kind { get }

    /// Looks at the source once. It reads `source.state` (validators, files seen) and returns the articles found
    /// with the state to keep once they are stored; it never throws: a failure is a reason.
    func poll(_ source: RegisteredSource, now: Date) async -> PollResult
}

public enum PollResult: Sendable {
    /// Articles found (maybe none), the state to keep once they are stored, whether more is waiting right now (a
    /// folder with more files than one poll takes), and what could not be read (a bad line in a file).
    case found([Article], keep: SourceState, more: Bool = false, problems: [String] = [])
    /// Nothing was read; `retryAfter` when the source said when to come back.
    case failed(reason: String, retryAfter: Double? = nil)
}
