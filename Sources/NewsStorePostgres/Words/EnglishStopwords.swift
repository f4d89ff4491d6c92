/// PostgreSQL's English stopwords (`english.stop`, Snowball's list): words too common to index. They still take a
/// position, so a phrase with one in it matches only with a word between.
enum EnglishStopwords {
    static func contains(_ word: [UInt8]) -> Bool {
        guard let key = key(word) else { return false }
        return keys.contains(key)
    }

    /// A word of up to 12 lower-case ASCII letters as 5 bits a letter; nil for any other word (never a stopword).
    private static func key(_ word: [UInt8]) -> UInt64? {
        guard word.count <= 12 else { return nil }
        var key: UInt64 = 0
        for b in word {
            guard b >= UInt8(ascii: "a"), b <= UInt8(ascii: "z") else { return nil }
            key = key << 5 | UInt64(b - UInt8(ascii: "a") + 1)
        }
        return key
    }

    private static let keys = Set(words.compactMap { key(Array($0.utf8)) })

    static let words = [
        "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself", "yourselves",
        "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "they", "them", "their",
        "theirs", "themselves", "what", "which", "who", "whom", "this", "that", "these", "those", "am", "is", "are",
        "was", "were", "be", "been", "being", "have", "has", "had", "having", "do", "does", "did", "doing", "a", "an",
        "the", "and", "but", "if", "or", "because", "as", "until", "while", "of", "at", "by", "for", "with", "about",
        "against", "between", "into", "through", "during", "before", "after", "above", "below", "to", "from", "up",
        "down", "in", "out", "on", "off", "over", "under", "again", "further", "then", "once", "here", "there", "when",
        "where", "why", "how", "all", "any", "both", "each", "few", "more", "most", "other", "some", "such", "no",
        "nor", "not", "only", "own", "same", "so", "than", "too", "very", "s", "t", "can", "will", "just", "don",
        "should", "now",
    ]
}
