import GRDB

extension SearchText {
    /// The FTS5 query: every term a quoted phrase (so nothing typed is FTS5 syntax); within an alternative the
    /// wanted terms joined by AND and the excluded by NOT; alternatives joined by OR. With its phrases in the order
    /// FTS5 numbers them (for `RecentBM25`).
    var fts5: (pattern: FTS5Pattern, phrases: [String]) {
        get throws {
            let phrase = { (t: Term) in "\"" + t.words.joined(separator: " ") + "\"" }
            var phrases: [String] = []
            let parts = alternatives.map { terms in
                let wanted = terms.filter { !$0.excluded }.map(phrase)
                let unwanted = terms.filter(\.excluded).map(phrase)
                phrases += wanted + unwanted
                return "((" + wanted.joined(separator: " AND ") + ")" + unwanted.map { " NOT " + $0 }.joined() + ")"
            }
            return (try FTS5Pattern(rawPattern: parts.joined(separator: " OR ")), phrases)
        }
    }
}
