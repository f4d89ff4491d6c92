import Foundation
import NewsModel
import NewsStore
import PostgresNIO

extension PostgresNewsStore: SourceRegistry {
    public func saveSource(_ config: SourceConfig) async throws -> RegisteredSource {
        let state = SourceState()
        let found = try await rows(
            """
            INSERT INTO source (kind, location, config, state, next_poll) VALUES (\(config.kind.rawValue), \(config.location), \(try Self.json(config)), \
            \(try Self.json(state)), \(state.nextPoll)) ON CONFLICT (location) DO UPDATE SET kind = excluded.kind, config = excluded.config \
            RETURNING id, config, state
            """
        )
        return try Self.registered(found[0])
    }

    public func sources() async throws -> [RegisteredSource] {
        try await rows("SELECT id, config, state FROM source ORDER BY id").map(Self.registered)
    }

    public func removeSource(location: String) async throws -> Bool {
        try await !rows("DELETE FROM source WHERE location = \(location) RETURNING id").isEmpty
    }

    public func claimDueSources(_ kind: SourceConfig.Kind, now: Date, lease: Double, limit: Int) async throws -> [RegisteredSource] {
        // SKIP LOCKED: pollers on other nodes claiming at the same moment take other sources rather than wait.
        try await rows(
            """
            UPDATE source SET lease_until = \(now.addingTimeInterval(lease)) WHERE id IN (\
            SELECT id FROM source WHERE kind = \(kind.rawValue) AND next_poll <= \(now) AND (lease_until IS NULL OR lease_until < \(now)) \
            ORDER BY next_poll LIMIT \(limit) FOR UPDATE SKIP LOCKED) RETURNING id, config, state, next_poll
            """
        ).map { (due: try $0.makeRandomAccess()[3].decode(Date.self), source: try Self.registered($0)) }
            .sorted { $0.due < $1.due }.map(\.source)
    }

    public func saveState(_ state: SourceState, of id: Int64) async throws {
        try await rows(
            "UPDATE source SET state = \(try Self.json(state)), next_poll = \(state.nextPoll), lease_until = NULL WHERE id = \(id)")
    }

    public func nextDuePoll(_ kind: SourceConfig.Kind) async throws -> Date? {
        try await rows(
            "SELECT min(greatest(next_poll, coalesce(lease_until, next_poll))) FROM source WHERE kind = \(kind.rawValue)"
        ).first?.decode(Date?.self)
    }

    private static func registered(_ row: PostgresRow) throws -> RegisteredSource {
        let cells = row.makeRandomAccess()
        return RegisteredSource(
            id: try cells[0].decode(Int64.self), config: try decode(try cells[1].decode(String.self)),
            state: try decode(try cells[2].decode(String.self)))
    }
}
