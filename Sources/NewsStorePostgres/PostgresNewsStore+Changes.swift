import Foundation
import Logging
import NewsStore
import PostgresNIO

extension PostgresNewsStore: SharedStore {
    /// Announces changes to every node listening (`changes()`), when the transaction commits.
    static func notify(_ hints: [StoreChange], _ conn: PostgresConnection, _ logger: Logger) async throws {
        guard !hints.isEmpty else { return }
        try await conn.query("SELECT pg_notify(\(StoreChange.channel), p) FROM unnest(\(hints.map(\.payload))::text[]) AS p", logger: logger)
    }

    /// The hints every node sends as it commits. A pooled connection listens; when it is lost (the server restarted),
    /// it connects again with backoff (0.1 s doubling to 5 s) and yields `.reconnected`, since hints sent meanwhile
    /// are lost: the reader catches up from its cursors.
    public func changes() -> AsyncStream<StoreChange> {
        let (stream, continuation) = AsyncStream.makeStream(of: StoreChange.self, bufferingPolicy: .bufferingNewest(10_000))
        let client = client
        let logger = logger
        let task = Task {
            var delay = 0.1
            var first = true
            while !Task.isCancelled {
                do {
                    try await client.withConnection { conn in
                        try await conn.listen(on: StoreChange.channel) { hints in
                            if !first { continuation.yield(.reconnected) }
                            first = false
                            delay = 0.1
                            for try await note in hints {
                                if let hint = StoreChange(payload: note.payload) { continuation.yield(hint) }
                            }
                        }
                    }
                } catch {
                    if Task.isCancelled { break }
                    logger.warning("listening for changes failed; trying again", metadata: ["error": "\(error)", "in": "\(delay) s"])
                }
                first = false
                try? await Task.sleep(for: .seconds(delay))
                delay = min(delay * 2, 5)
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// Deletes an article's ticker and event rows, found through the (symbol, seq) and (type, seq) indexes with the
    /// symbols and types its stored analysis names: an index on seq alone would cost every insert.
    static func deleteIndexRows(of seq: Int64, _ conn: PostgresConnection, _ logger: Logger) async throws {
        let rows = try await conn.query("SELECT analysis FROM article WHERE seq = \(seq)", logger: logger).collect()
        guard let json = try rows.first?.decode(String.self) else { return }
        let old = try JSONDecoder().decode(StoredArticle.Analysis.self, from: Data(json.utf8))
        try await conn.query(
            "DELETE FROM article_instrument WHERE symbol = ANY(\(Array(Set(old.instruments.map(\.symbol))))) AND seq = \(seq)", logger: logger)
        try await conn.query("DELETE FROM article_event WHERE type = ANY(\(Array(Set(old.events.map(\.type))))) AND seq = \(seq)", logger: logger)
    }
}
