import NewsStore
import Testing

@Suite struct SearchTextTests {
    private func read(_ text: String) throws -> [[String]] {
        try SearchText(text).alternatives.map { $0.map { ($0.excluded ? "-" : "") + $0.words.joined(separator: " ") } }
    }

    @Test func wordsPhrasesExclusionsAndAlternatives() throws {
        #expect(try read("Fed  rates") == [["fed", "rates"]])
        #expect(try read("\"rate cut\" OR layoffs -\"Fed chair\" -ecb") == [["rate cut"], ["layoffs", "-fed chair", "-ecb"]])
        #expect(try read("a b or c") == [["a", "b"], ["c"]])
        // Punctuation splits words as both indexes do; a lone dash or a dangling `or` is nothing.
        #expect(try read("U.S.-China pre-market - or") == [["u s china", "pre market"]])
        // An unclosed quote runs to the end; SQL in it is words.
        #expect(try read("demand\" OR 1=1; --") == [["demand", "or 1 1"]])
    }

    @Test func searchesWithNothingToLookForAreRefused() {
        for text in ["", "  \" \" ", "-fed", "-fed or ecb", "or", "!!!"] {
            #expect(throws: NewsQueryError.self, "\(text)") { try SearchText(text) }
        }
    }
}
