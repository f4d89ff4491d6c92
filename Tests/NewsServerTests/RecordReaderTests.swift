import Testing

@testable import NewsServer

@Suite struct RecordReaderTests {
    let wanted: Set<String> = ["id", "title", "body"]

    func read(_ json: String) throws -> [String: String] {
        try RecordReader.read(Array(json.utf8), wanted: wanted)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let f = try read(#"{"title": "Caf\u00e9 \"quoted\" \\ tab\there \ud83d\ude80", "body": "line\nbreak"}"#)
        #expect(f["title"] == "Café \"quoted\" \\ tab\there 🚀")
        #expect(f["body"] == "line\nbreak")
    }

    @Test func skipsUnwantedValuesOfAnyShapeAndTakesNumericIDs() throws {
        let f = try read(#"{"meta": {"tags": ["a", {"b": [1, 2.5e3, true, null]}]}, "id": 42, "title": "T", "extra": false}"#)
        #expect(f == ["id": "42", "title": "T"])
    }

    @Test func nullFieldsAreMissing() throws {
        #expect(try read(#"{"title": null, "body": "B"}"#) == ["body": "B"])
    }

    @Test(arguments: [
        (#"{"title": "x""#, "malformed JSON"), (#"{"title": "x",}"#, "malformed JSON"), (#"{"title": tru}"#, "malformed JSON"),
        (#"{"title": "x"} trailing"#, "unexpected text"), (#"[1, 2]"#, "found an array"), (#"{"title": 5}"#, "must be a string"),
        (#"{"title": ["x"]}"#, "found an array"), (#"{"title": "\ud800"}"#, "lone surrogate"), ("", "empty"),
    ])
    func rejectsWhatIsNotARecord(json: String, message: String) {
        #expect {
            try read(json)
        } throws: { error in
            (error as? RecordReader.Failure)?.message.contains(message) ?? false
        }
    }
}
