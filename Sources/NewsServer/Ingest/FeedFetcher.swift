import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Fetches a feed once, politely: conditional GET with the ETag and Last-Modified the feed gave last time, a
/// timeout, and a plain answer for every way it can go (new items, not modified, or a failure with its reason and
/// when to try again).
public struct FeedFetcher: Sendable {
    /// What the feed said last time, to send back (`If-None-Match`, `If-Modified-Since`).
    public struct Validators: Sendable, Hashable, Codable {
        public var etag: String?
        public var lastModified: String?
        public init(etag: String? = nil, lastModified: String? = nil) {
            self.etag = etag
            self.lastModified = lastModified
        }
    }

    public enum Outcome: Sendable {
        case items([FeedItem], Validators)
        case notModified
        /// `retryAfter` when the server said (429/503 `Retry-After`, in seconds).
        case failed(reason: String, retryAfter: Double?)
    }

    public let timeout: Double
    private let session: URLSession

    public init(timeout: Double = 15) {
        self.timeout = timeout
        let config = URLSessionConfiguration.ephemeral
        config.timeoutIntervalForRequest = timeout
        config.timeoutIntervalForResource = timeout * 2
        config.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: config)
    }

    public func fetch(_ url: URL, validators: Validators = Validators()) async -> Outcome {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.setValue("tickerwire/1 (+self-hosted news engine)", forHTTPHeaderField: "User-Agent")
        request.setValue("application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1", forHTTPHeaderField: "Accept")
        if let etag = validators.etag { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }
        if let lm = validators.lastModified { request.setValue(lm, forHTTPHeaderField: "If-Modified-Since") }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: request)
        } catch {
            let e = error as NSError
            let reason = e.code == NSURLErrorTimedOut ? "timed out after \(Int(timeout)) s" : e.localizedDescription
            return .failed(reason: reason, retryAfter: nil)
        }
        guard let http = response as? HTTPURLResponse else { return .failed(reason: "not an HTTP response", retryAfter: nil) }
        switch http.statusCode {
        case 304:
            return .notModified
        case 200..<300:
            do {
                let items = try FeedParser.parse(data)
                return .items(
                    items,
                    Validators(etag: http.value(forHTTPHeaderField: "ETag"), lastModified: http.value(forHTTPHeaderField: "Last-Modified")))
            } catch {
                return .failed(reason: "\(error)", retryAfter: nil)
            }
        default:
            let retry = http.value(forHTTPHeaderField: "Retry-After").flatMap(Double.init)
            return .failed(reason: "HTTP \(http.statusCode)", retryAfter: retry)
        }
    }
}
