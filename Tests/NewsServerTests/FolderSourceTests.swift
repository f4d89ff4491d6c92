import Foundation
import NewsModel
import NewsStore
import Testing

@testable import NewsServer

/// The folder watcher's reading of a real folder: which files it takes, when, and what it remembers.
@Suite struct FolderSourceTests {
    let folder: URL
    let source = FolderSource(settle: 2)

    init() throws {
        folder = try TestSupport.temporaryDirectory()
    }

    func write(_ name: String, _ text: String, age: Double = 60) throws {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-age)], ofItemAtPath: url.path)
    }

    func poll(_ state: SourceState) async -> (articles: [Article], state: SourceState, problems: [String]) {
        let registered = RegisteredSource(id: 1, config: SourceConfig(kind: .directory, location: folder.path), state: state)
        guard case .found(let articles, let keep, _, let problems) = await source.poll(registered, now: Date()) else {
            Issue.record("the folder should be readable")
            return ([], state, [])
        }
        return (articles, keep, problems)
    }

    @Test func takesEachSettledFileOnceAndAgainWhenItChanges() async throws {
        try write("a.ndjson", "{\"id\": \"1\", \"title\": \"First\"}\nnot json\n{\"id\": \"2\", \"title\": \"Second\"}\n")
        try write("sub/b.txt", "A headline\n\nThe body of a plain-text article.")
        try write("c.json", #"[{"id": "3", "title": "Third"}, {"id": "4", "title": "Fourth"}]"#)
        try write("d.ndjson.part", #"{"title": "half written"}"#)
        try write(".hidden.txt", "Hidden\nnot taken")
        try write("notes.md", "# not an article format")
        try write("fresh.txt", "Still being written\n", age: 0)

        var r = await poll(SourceState())
        #expect(Set(r.articles.map(\.title)) == ["First", "Second", "A headline", "Third", "Fourth"])
        #expect(r.problems.count == 1)
        #expect(r.problems.first?.hasPrefix("a.ndjson:2:") == true, "\(r.problems)")
        #expect(r.state.files.keys.sorted() == ["a.ndjson", "c.json", "sub/b.txt"])
        let plain = try #require(r.articles.first { $0.title == "A headline" })
        #expect(plain.published != nil, "a document is dated by its file")

        r = await poll(r.state)
        #expect(r.articles.isEmpty, "nothing new")

        try write("fresh.txt", "Still being written\nand now done.")
        try write("sub/b.txt", "A headline, corrected\n\nThe body.", age: 30)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("c.json"))
        r = await poll(r.state)
        #expect(r.articles.map(\.title) == ["Still being written", "A headline, corrected"], "oldest file first")
        #expect(r.state.files["c.json"] == nil, "a deleted file is forgotten")
    }

    @Test func aMissingFolderIsAFailureNotACrash() async {
        let registered = RegisteredSource(id: 1, config: SourceConfig(kind: .directory, location: "/nonexistent/inbox"), state: SourceState())
        guard case .failed(let reason, _) = await source.poll(registered, now: Date()) else {
            Issue.record("a missing folder should fail")
            return
        }
        #expect(reason.contains("no such folder"))
    }
}
