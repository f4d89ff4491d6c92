import Foundation

/// Fetches a feed once (a conditional GET) and parses it: new items, not modified, or a failure with its reason.
public struct FeedFetcher: Sendable {
    public enum Outcome: Sendable {
        case items([FeedItem], HTTPGet.Validators)
        case notModified
        /// `retryAfter` when the server said (429/503 `Retry-After`, in seconds).
        case failed(reason: String, retryAfter: Double?)
    }

    private let get: HTTPGet

    public init(timeout: Double = 15) {
        get = HTTPGet(timeout: timeout)
    }

    public func fetch(_ url: URL, validators: HTTPGet.Validators = .init()) async -> Outcome {
        let accept = "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1"
        switch await get.fetch(url, accept: accept, validators: validators) {
        case .notModified:
            return .notModified
        case .failed(let reason, let retryAfter):
            return .failed(reason: reason, retryAfter: retryAfter)
        case .body(let data, let validators):
            do {
                return .items(try FeedParser.parse(data), validators)
            } catch {
                return .failed(reason: "\(error)", retryAfter: nil)
            }
        }
    }
}
