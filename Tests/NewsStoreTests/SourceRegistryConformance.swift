import Foundation
import NewsModel
import NewsStore
import Testing

/// What every `SourceRegistry` backend must do, each check against a fresh, empty registry.
enum SourceRegistryConformance {
    typealias Check = @Sendable (any SourceRegistry) async throws -> Void

    static let checks: [(name: String, check: Check)] = [
        ("saving a source twice keeps one, with the new settings and its state", saveIsUpsert),
        ("a claimed source is leased: no second claim until it is saved or the lease ends", claimLeases),
        ("only due sources of the asked kind are claimed, soonest first", claimDueOfKind),
        ("state round-trips, folder stamps included", stateRoundTrips),
        ("a removed source is gone", removal),
    ]

    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    static func saveIsUpsert(_ r: any SourceRegistry) async throws {
        let a = try await r.saveSource(SourceConfig(kind: .feed, location: "https://example.com/rss", interval: 60))
        var state = a.state
        state.etag = "\"v1\""
        try await r.saveState(state, of: a.id)
        let b = try await r.saveSource(SourceConfig(kind: .feed, location: "https://example.com/rss", name: "Example", interval: 300))
        #expect(b.id == a.id)
        let all = try await r.sources()
        #expect(all.count == 1)
        #expect(all.first?.config.interval == 300)
        #expect(all.first?.config.name == "Example")
        #expect(all.first?.state.etag == "\"v1\"")
    }

    static func claimLeases(_ r: any SourceRegistry) async throws {
        let s = try await r.saveSource(SourceConfig(kind: .feed, location: "https://example.com/a"))
        #expect(try await r.claimDueSources(.feed, now: now, lease: 30, limit: 10).map(\.id) == [s.id])
        #expect(try await r.claimDueSources(.feed, now: now.addingTimeInterval(10), lease: 30, limit: 10).isEmpty)
        #expect(try await r.nextDuePoll(.feed) == now.addingTimeInterval(30))
        // A poller that died: its lease runs out and another takes the source.
        #expect(try await r.claimDueSources(.feed, now: now.addingTimeInterval(31), lease: 30, limit: 10).map(\.id) == [s.id])
        var state = s.state
        state.nextPoll = now.addingTimeInterval(100)
        try await r.saveState(state, of: s.id)
        #expect(try await r.claimDueSources(.feed, now: now.addingTimeInterval(99), lease: 30, limit: 10).isEmpty)
        #expect(try await r.nextDuePoll(.feed) == now.addingTimeInterval(100))
        #expect(try await r.claimDueSources(.feed, now: now.addingTimeInterval(100), lease: 30, limit: 10).map(\.id) == [s.id])
    }

    static func claimDueOfKind(_ r: any SourceRegistry) async throws {
        var ids: [Int64] = []
        for (i, delay) in [50.0, 10, 30].enumerated() {
            let s = try await r.saveSource(SourceConfig(kind: .json, location: "https://api.example.com/\(i)"))
            var state = s.state
            state.nextPoll = now.addingTimeInterval(delay)
            try await r.saveState(state, of: s.id)
            ids.append(s.id)
        }
        _ = try await r.saveSource(SourceConfig(kind: .directory, location: "/tmp/inbox"))
        #expect(try await r.nextDuePoll(.feed) == nil)
        let claimed = try await r.claimDueSources(.json, now: now.addingTimeInterval(40), lease: 30, limit: 10)
        #expect(claimed.map(\.id) == [ids[1], ids[2]])
        #expect(try await r.claimDueSources(.json, now: now.addingTimeInterval(60), lease: 30, limit: 1).map(\.id) == [ids[0]])
    }

    static func stateRoundTrips(_ r: any SourceRegistry) async throws {
        let s = try await r.saveSource(SourceConfig(kind: .directory, location: "/srv/news/inbox", interval: 5))
        var state = s.state
        state.failures = 2
        state.lastError = "HTTP 500"
        state.lastSuccess = now
        state.articles = 7
        state.files = ["a.ndjson": .init(size: 120, modified: 1_700_000_000.5)]
        state.nextPoll = now.addingTimeInterval(20)
        try await r.saveState(state, of: s.id)
        let back = try #require(try await r.sources().first)
        #expect(back.state == state)
        #expect(back.config.name == "inbox")
        #expect(back.config.kind == .directory)
    }

    static func removal(_ r: any SourceRegistry) async throws {
        _ = try await r.saveSource(SourceConfig(kind: .feed, location: "https://example.com/x"))
        #expect(try await r.removeSource(location: "https://example.com/x"))
        #expect(try await r.removeSource(location: "https://example.com/x") == false)
        #expect(try await r.sources().isEmpty)
    }
}
