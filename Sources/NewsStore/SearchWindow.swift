import Foundation

/// Which slice of a search's results a query asks for: its limit, offset and cursor checked and read once, the same
/// way for every backend. Cursors are `s<seq>` (after or before an article, by sequence) or, for text ranked by
/// relevance, `o<offset>`.
public struct SearchWindow: Sendable, Hashable {
    /// The page size.
    public let limit: Int
    /// Results to skip.
    public let offset: Int
    /// Only articles with a sequence number above this (catch-up, or the next page oldest first).
    public let after: Int64?
    /// Only articles with a sequence number below this (the next page newest first).
    public let before: Int64?
    /// Oldest first (catch-up or `.oldest`), not newest first.
    public let ascending: Bool
    /// Best text match first: the order is a score, and pages go by offset.
    public let ranked: Bool

    public init(_ q: NewsQuery) throws {
        guard q.limit >= 1, q.limit <= NewsQuery.maxLimit else {
            throw NewsQueryError(code: "invalid_limit", "limit must be between 1 and \(NewsQuery.maxLimit), got \(q.limit)")
        }
        guard (0...NewsQuery.maxOffset).contains(q.offset) else {
            throw NewsQueryError(code: "invalid_offset", "offset must be between 0 and \(NewsQuery.maxOffset), got \(q.offset)")
        }
        limit = q.limit
        ranked = q.order == .relevance && q.text != nil
        ascending = q.after != nil || q.order == .oldest
        var offset = q.offset
        var after = q.after
        var before: Int64?
        if let cursor = q.cursor {
            if cursor.hasPrefix("o"), let o = Int(cursor.dropFirst()), o >= 0, o <= NewsQuery.maxOffset, ranked {
                offset = o
            } else if cursor.hasPrefix("s"), let s = Int64(cursor.dropFirst()), !ranked {
                if ascending { after = max(after ?? s, s) } else { before = s }
                offset = 0
            } else {
                throw NewsQueryError(code: "invalid_cursor", "cursor \(cursor) is not one this query returned")
            }
        }
        self.offset = offset
        self.after = after
        self.before = before
    }

    /// The cursor that continues after `page`.
    public func cursor(after page: [StoredArticle]) -> String? {
        if ranked { return "o\(offset + page.count)" }
        guard let last = page.last else { return nil }
        return "s\(last.seq)"
    }
}
