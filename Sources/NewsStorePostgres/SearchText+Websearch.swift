import NewsStore

extension SearchText {
    /// The search in `websearch_to_tsquery`'s syntax, each term a quoted run of its words: PostgreSQL then sees only
    /// letters, digits and spaces, split where `TextVectors` split the articles ("U.S.-China" is "u s china", a phrase,
    /// not the host-like token PostgreSQL's parser would make of it).
    var websearch: String {
        alternatives.map { terms in
            terms.map { ($0.excluded ? "-\"" : "\"") + $0.words.joined(separator: " ") + "\"" }.joined(separator: " ")
        }.joined(separator: " or ")
    }
}
