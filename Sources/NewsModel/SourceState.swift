import Foundation

/// What a source poller remembers between polls (and across restarts): the validators a feed gave, how it has
/// been failing, when to look next, and for a folder the files already imported.
public struct SourceState: Sendable, Hashable, Codable {
    /// A file as it was when imported: a file that changes later is imported again.
    public struct FileStamp: Sendable, Hashable, Codable {
        public var size: Int
        public var modified: Double
        public init(size: Int, modified: Double) {
            self.size = size
            self.modified = modified
        }
    }

    public var etag: String?
    public var lastModified: String?
    /// The newest `published` time a JSON API has given, in Unix seconds (sent back as its `since` parameter).
    public var cursor: Double?
    /// Failures in a row (0 while the source answers).
    public var failures = 0
    public var nextPoll: Date
    public var lastSuccess: Date?
    public var lastError: String?
    /// Articles this source has delivered, over its life.
    public var articles = 0
    /// Files imported from a folder, by path relative to it.
    public var files: [String: FileStamp] = [:]

    public init(nextPoll: Date = Date(timeIntervalSince1970: 0)) {
        self.nextPoll = nextPoll
    }
}
