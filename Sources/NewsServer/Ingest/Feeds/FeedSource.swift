import Foundation
import NewsModel
import NewsStore

/// RSS 2.0, RSS 1.0 (RDF) and Atom feeds: a conditional GET with the validators kept from last time.
public struct FeedSource: PolledSource {
    public static let kind = SourceConfig.Kind.feed
    private let fetcher: FeedFetcher

    public init(timeout: Double = 15) {
        fetcher = FeedFetcher(timeout: timeout)
    }

    public func poll(_ source: RegisteredSource, now: Date) async -> PollResult {
        guard let url = URL(string: source.config.location) else { return .failed(reason: "not a URL: \(source.config.location)") }
        var state = source.state
        switch await fetcher.fetch(url, validators: .init(etag: state.etag, lastModified: state.lastModified)) {
        case .notModified:
            return .found([], keep: state)
        case .failed(let reason, let retryAfter):
            return .failed(reason: reason, retryAfter: retryAfter)
        case .items(let items, let validators):
            state.etag = validators.etag
            state.lastModified = validators.lastModified
            return .found(items.map { $0.article(source: source.config.name) }, keep: state)
        }
    }
}
