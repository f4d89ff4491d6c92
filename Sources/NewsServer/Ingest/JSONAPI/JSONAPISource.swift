import Foundation
import NewsModel
import NewsStore

/// Another provider's JSON or NDJSON API, polled with a conditional GET and read through the source's field
/// mapping. With a `since` parameter in the mapping, each poll asks only for what is newer than the last seen.
public struct JSONAPISource: PolledSource {
    public static let kind = SourceConfig.Kind.json
    private let get: HTTPGet

    public init(timeout: Double = 15) {
        get = HTTPGet(timeout: timeout)
    }

    public func poll(_ source: RegisteredSource, now: Date) async -> PollResult {
        let mapping = source.config.mapping ?? FieldMapping()
        guard var components = URLComponents(string: source.config.location), let _ = components.url else {
            return .failed(reason: "not a URL: \(source.config.location)")
        }
        var state = source.state
        if let parameter = mapping.since, let cursor = state.cursor {
            components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: parameter, value: String(Int64(cursor)))]
        }
        switch await get.fetch(
            components.url!, accept: "application/json, application/x-ndjson;q=0.9, */*;q=0.1",
            validators: .init(etag: state.etag, lastModified: state.lastModified))
        {
        case .notModified:
            return .found([], keep: state)
        case .failed(let reason, let retryAfter):
            return .failed(reason: reason, retryAfter: retryAfter)
        case .body(let data, let validators):
            let articles: [Article]
            do {
                articles = try APIRecords.articles(from: data, mapping: mapping, source: source.config.name)
            } catch {
                return .failed(reason: error.description)
            }
            state.etag = validators.etag
            state.lastModified = validators.lastModified
            let newest = articles.compactMap { $0.published?.timeIntervalSince1970 }.max()
            if let newest, newest > state.cursor ?? 0 { state.cursor = newest }
            return .found(articles, keep: state)
        }
    }
}
