/// The words of a text as PostgreSQL's `english` configuration indexes them once everything but letters and digits
/// is a space (as `SearchText` splits a search): lower-cased; a word of 2,047 bytes or more skipped, position and
/// all; then (`lexeme(of:)`) stemmed when it is letters only (`EnglishStemmer`), kept as it is when it has a digit
/// (PostgreSQL's `simple` dictionary for numbers and `numword`s), and a stopword taking a position but no lexeme.
enum SearchWords {
    /// PostgreSQL ignores words this long (`MAXSTRLEN`).
    static let tooLong = 2047

    /// Calls `body` with each word, lower-cased, and its position, counted from 1.
    static func forEach(in text: String, _ body: (_ word: [UInt8], _ position: Int) -> Void) {
        var reader = Reader()
        var text = text
        text.withUTF8 { reader.read($0, body) }
        reader.end(body)
    }

    /// The word being read, in a struct of its own so that the loop's state is not captured by closures (which
    /// costs an exclusivity check at each use).
    private struct Reader {
        var word: [UInt8] = []
        var read = 0  // the word's length in the text
        var position = 0

        init() { word.reserveCapacity(32) }

        mutating func read(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (_ word: [UInt8], _ position: Int) -> Void) {
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x80 {
                    guard SearchWords.isASCIILetterOrDigit(b) else {
                        end(body)
                        i += 1
                        continue
                    }
                    // A run of ASCII letters and digits, copied at once and lower-cased in place.
                    var j = i + 1
                    while j < bytes.count, SearchWords.isASCIILetterOrDigit(bytes[j]) { j += 1 }
                    let start = word.count
                    word.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<j]))
                    for k in start..<word.count where word[k] &- UInt8(ascii: "A") < 26 { word[k] |= 0x20 }
                    read += j - i
                    i = j
                    continue
                }
                let (scalar, length) = SearchWords.decode(bytes, at: i)
                if SearchWords.isLetterOrDigit(scalar) {
                    // PostgreSQL lower-cases one character to one (towlower): the first of a longer mapping.
                    word.append(contentsOf: String(scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar).utf8)
                    read += length
                } else {
                    end(body)
                }
                i += length
            }
        }

        mutating func end(_ body: (_ word: [UInt8], _ position: Int) -> Void) {
            guard !word.isEmpty else { return }
            if read < SearchWords.tooLong {
                position += 1
                body(word, position)
            }
            word.removeAll(keepingCapacity: true)
            read = 0
        }
    }

    /// The lexeme indexed for a lower-cased word, or nil for a stopword.
    static func lexeme(of word: [UInt8]) -> [UInt8]? {
        guard word.contains(where: { $0 >= 0x80 }) else {
            if word.contains(where: { $0 &- UInt8(ascii: "0") < 10 }) { return word }
            if EnglishStopwords.contains(word) { return nil }
            var stem = word
            EnglishStemmer.stem(&stem)
            return stem
        }
        // Each character beyond ASCII is one `EnglishStemmer.other` while stemming, then spelled again.
        let scalars = Array(String(decoding: word, as: UTF8.self).unicodeScalars)
        if scalars.contains(where: { $0.properties.generalCategory == .decimalNumber }) { return word }
        var stem = scalars.map { $0.isASCII ? UInt8($0.value) : EnglishStemmer.other }
        EnglishStemmer.stem(&stem)
        var spelled: [UInt8] = []
        var others = scalars.lazy.filter { !$0.isASCII }.makeIterator()
        for b in stem {
            if b == EnglishStemmer.other, let scalar = others.next() {
                spelled.append(contentsOf: String(scalar).utf8)
            } else {
                spelled.append(b)
            }
        }
        return spelled
    }

    private static func isASCIILetterOrDigit(_ b: UInt8) -> Bool {
        (b | 0x20) &- UInt8(ascii: "a") < 26 || b &- UInt8(ascii: "0") < 10
    }

    private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        return properties.isAlphabetic || properties.generalCategory == .decimalNumber
    }

    /// The scalar that starts at `i`, and its length in bytes (the text is a String, so valid UTF-8).
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
        var parser = Unicode.UTF8.ForwardParser()
        var rest = UnsafeBufferPointer(rebasing: bytes[i...]).makeIterator()
        guard case .valid(let encoded) = parser.parseScalar(from: &rest) else { return ("\u{FFFD}", 1) }
        return (Unicode.UTF8.decode(encoded), encoded.count)
    }
}
