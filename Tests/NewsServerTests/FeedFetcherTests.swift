import Foundation
import Testing

@testable import NewsServer

#if canImport(Glibc)
    import Glibc
#endif

/// The fetcher against a real HTTP server on loopback (`feed_server.py`): a feed, a 304, a 500, a 503 with
/// Retry-After, a page that is not a feed, and a server that never answers.
@Suite(.serialized) struct FeedFetcherTests {
    @Test func conditionalGetFailuresAndTimeouts() async throws {
        let (base, server) = try LocalFeedServer.start()
        defer { LocalFeedServer.stop(server) }
        let fetcher = FeedFetcher(timeout: 1.5)

        guard case .items(let items, let validators) = await fetcher.fetch(base.appendingPathComponent("feed.xml")) else {
            Issue.record("the feed was not read")
            return
        }
        #expect(items.map(\.title) == ["Acme Corp wins a $2 billion contract"])
        #expect(validators.etag == "\"v1\"")
        #expect(validators.lastModified == "Tue, 15 Sep 2020 14:00:00 GMT")

        guard case .notModified = await fetcher.fetch(base.appendingPathComponent("feed.xml"), validators: validators) else {
            Issue.record("a matching ETag should give 304")
            return
        }
        guard case .failed(let reason, nil) = await fetcher.fetch(base.appendingPathComponent("error")) else {
            Issue.record("500 should fail")
            return
        }
        #expect(reason == "HTTP 500 Internal Server Error")
        guard case .failed(_, let retry) = await fetcher.fetch(base.appendingPathComponent("busy")) else {
            Issue.record("503 should fail")
            return
        }
        #expect(retry == 120)
        guard case .failed(let notFeed, _) = await fetcher.fetch(base.appendingPathComponent("page")) else {
            Issue.record("an HTML page is not a feed")
            return
        }
        #expect(notFeed.contains("not"), "\(notFeed)")
        let started = Date()
        guard case .failed(let timeout, _) = await fetcher.fetch(base.appendingPathComponent("hang")) else {
            Issue.record("a server that never answers should time out")
            return
        }
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(timeout.contains("timed out"), "\(timeout)")
    }

    @Test func backoffDoublesCapsAndHonoursRetryAfter() {
        let delays = (0...5).map { PollBackoff.delay(interval: 60, failures: $0, maxDelay: 600) }
        #expect(delays == [60, 120, 240, 480, 600, 600])
        #expect(PollBackoff.delay(interval: 60, failures: 4, retryAfter: 900, maxDelay: 600) == 900)
        #expect(PollBackoff.delay(interval: 60, failures: 1, retryAfter: 5) == 120)
        #expect(HTTPGet.seconds(retryAfter: "120") == 120)
        #expect(HTTPGet.seconds(retryAfter: "Wed, 21 Oct 2015 07:28:00 GMT") == 0)
    }
}
