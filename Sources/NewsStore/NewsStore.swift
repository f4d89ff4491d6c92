import Foundation
import NewsModel

/// Where analysed articles are kept: written once per arrival, searched by every reader.
///
/// Backends (SQLite here, PostgreSQL in NewsStorePostgres) conform to this protocol and pass the same conformance suite
/// (`Tests/NewsStoreTests/NewsStoreConformance.swift`). Every stored article has a sequence number that only grows:
/// it is the article's id and the cursor everywhere.
public protocol NewsStore: Sendable {
    /// Stores a batch in one transaction and says what became of each article, in order. An article that is
    /// already stored (same source and guid or url, or the same content) is a duplicate, or an update when its
    /// content changed. Nothing is acknowledged before the transaction commits.
    func ingest(_ articles: [StoredArticle.Incoming]) async throws -> [IngestOutcome]

    /// The stored article with this sequence number, unless it was removed.
    func article(_ seq: Int64) async throws -> StoredArticle?

    /// Articles matching the query, newest first (or best match first for a text query sorted by relevance).
    func search(_ query: NewsQuery) async throws -> NewsPage

    /// Marks an article removed (it leaves searches) and records the removal as a revision.
    func remove(_ seq: Int64, at time: Date) async throws -> Bool

    /// Removals since a time, oldest first: what Benzinga's `news-removed` lists.
    func removals(since time: Date, limit: Int) async throws -> [Removal]

    /// The revisions of an article, oldest first.
    func revisions(of seq: Int64) async throws -> [Revision]

    /// How many articles are stored and not removed.
    func count() async throws -> Int

    /// The story places of the articles stored after `seq` (those that had one), oldest first.
    func placedStories(after seq: Int64, limit: Int) async throws -> [PlacedStory]

    /// The highest sequence number stored (0 for none), removed articles included.
    func newestSeq() async throws -> Int64
}

/// What ingest did with one article.
public enum IngestOutcome: Sendable, Hashable {
    case added(seq: Int64)
    case updated(seq: Int64, revision: Int)
    case duplicate(seq: Int64)

    /// The stored article's sequence number, whatever happened.
    public var seq: Int64 {
        switch self {
        case .added(let s), .updated(let s, _), .duplicate(let s): s
        }
    }
}

/// One change to a stored article.
public struct Revision: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable { case created, updated, removed }
    public var seq: Int64
    public var revision: Int
    public var kind: Kind
    public var at: Date
    /// The content hash the article had after this change.
    public var contentHash: String

    public init(seq: Int64, revision: Int, kind: Kind, at: Date, contentHash: String) {
        self.seq = seq
        self.revision = revision
        self.kind = kind
        self.at = at
        self.contentHash = contentHash
    }
}

/// An article taken out of the store.
public struct Removal: Sendable, Hashable, Codable {
    public var seq: Int64
    public var removedAt: Date

    public init(seq: Int64, removedAt: Date) {
        self.seq = seq
        self.removedAt = removedAt
    }
}
