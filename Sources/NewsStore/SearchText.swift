/// The words of a search (`q`), read as PostgreSQL's `websearch_to_tsquery` reads them: every term must appear; a
/// "quoted phrase" must appear as written; `-word` or `-"a phrase"` leaves out the articles that have it; and `or`
/// splits the search into alternatives, any of which may match. Both stores read `q` through it, so one query finds
/// the same articles on the embedded store and on a cluster.
///
/// `fed rates -ecb` is fed and rates and not ecb; `"rate cut" or layoffs` is either; `a b or c` is (a and b) or c.
public struct SearchText: Sendable, Hashable {
    /// One word, or a phrase of several in order (lower-cased letters and digits only: what both tokenizers index).
    public struct Term: Sendable, Hashable {
        public var words: [String]
        public var excluded: Bool
    }

    /// An article matches when it matches every term of one of these (has the wanted ones, lacks the excluded).
    public private(set) var alternatives: [[Term]]

    public init(_ text: String) throws(NewsQueryError) {
        var alternatives: [[Term]] = [[]]
        var excludeNext = false
        var rest = Substring(text)
        while let first = rest.first {
            if first.isWhitespace {
                rest = rest.dropFirst()
                continue
            }
            if first == "-", let next = rest.dropFirst().first, !next.isWhitespace {
                excludeNext = true
                rest = rest.dropFirst()
                continue
            }
            let raw: Substring
            let quoted = first == "\""
            if quoted {
                let body = rest.dropFirst()
                let close = body.firstIndex(of: "\"") ?? body.endIndex
                raw = body[..<close]
                rest = close < body.endIndex ? body[body.index(after: close)...] : body[close...]
            } else {
                let end = rest.firstIndex { $0.isWhitespace || $0 == "\"" } ?? rest.endIndex
                raw = rest[..<end]
                rest = rest[end...]
            }
            let excluded = excludeNext
            excludeNext = false
            if !quoted, !excluded, raw.lowercased() == "or" {
                if !alternatives[alternatives.count - 1].isEmpty { alternatives.append([]) }
                continue
            }
            let words = Self.words(raw)
            if !words.isEmpty { alternatives[alternatives.count - 1].append(Term(words: words, excluded: excluded)) }
        }
        alternatives.removeAll { $0.isEmpty }
        guard !alternatives.isEmpty else { throw NewsQueryError(code: "invalid_text", "the search text has no words to look for") }
        guard alternatives.allSatisfy({ $0.contains { !$0.excluded } }) else {
            throw NewsQueryError(
                code: "invalid_text",
                "the search text only excludes words (-word)\(alternatives.count > 1 ? " on one side of `or`" : ""): give a word to look for as well")
        }
        self.alternatives = alternatives
    }

    /// Runs of letters and digits, lower-cased: "U.S.-China" is u, s, china, as the indexes split it.
    static func words(_ s: Substring) -> [String] {
        s.split { !($0.isLetter || $0.isNumber) }.map { $0.lowercased() }
    }
}
