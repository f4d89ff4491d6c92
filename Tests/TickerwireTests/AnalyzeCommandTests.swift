import Foundation
import Testing

/// Runs the built `tickerwire` binary as a user would, on files these tests write.
@Suite(.serialized) struct AnalyzeCommandTests {
    static var binary: URL {
        // The test bundle sits in the build products directory next to the executable.
        let dirs = [Bundle.main.bundleURL] + Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        for d in dirs {
            let candidate = d.appendingPathComponent("tickerwire")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return URL(fileURLWithPath: ".build/debug/tickerwire")
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ args: [String], stdin: Data? = nil, executable: String? = nil) throws -> Run {
        let p = Process()
        p.executableURL = executable.map(URL.init(fileURLWithPath:)) ?? binary
        p.arguments = args
        // Standard error goes to a file so that neither stream can fill up and block the child.
        let errPath = FileManager.default.temporaryDirectory.appendingPathComponent("tickerwire-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errPath.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errPath) }
        let out = Pipe()
        p.standardOutput = out
        p.standardError = try FileHandle(forWritingTo: errPath)
        let input = Pipe()
        p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let errData = (try? Data(contentsOf: errPath)) ?? Data()
        return Run(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    static func temp(_ name: String, _ data: Data) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tickerwire-tests-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    static func records(_ r: Run) -> [[String: Any]] {
        r.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    @Test func ndjsonInputGivesOneObjectPerArticleInOrder() throws {
        var lines = ""
        for i in 0..<600 {
            let company = i % 2 == 0 ? "Alibaba Group Holding Ltd BABA" : "Nvidia Corp (NASDAQ: NVDA)"
            lines += "{\"id\": \"a\(i)\", \"title\": \"Story \(i)\", \"body\": \"\(company) said revenue rose 5%.\"}\n"
        }
        let r = try Self.run(["analyze", try Self.temp("ordered.ndjson", Data(lines.utf8))])
        #expect(r.status == 0)
        let recs = Self.records(r)
        #expect(recs.map { $0["id"] as? String } == (0..<600).map { "a\($0)" })
        let first = try #require((recs.first?["instruments"] as? [[String: Any]])?.first)
        #expect(first["symbol"] as? String == "BABA")
        #expect(first["exchange"] as? String == "NYSE")
    }

    @Test func plainTextFileIsOneArticleWithItsFirstLineAsTitle() throws {
        let text = "\n\nJD.com Raises $3 Billion\n\nJD.com Inc JD raised $3 billion in a Hong Kong listing, up 4%.\n"
        let r = try Self.run(["analyze", "--published", "2020-06-18T10:00:00Z", try Self.temp("story.txt", Data(text.utf8))])
        #expect(r.status == 0)
        let rec = try #require(Self.records(r).first)
        #expect(rec["title"] as? String == "JD.com Raises $3 Billion")
        #expect((rec["instruments"] as? [[String: Any]])?.first?["symbol"] as? String == "JD")
        #expect((rec["amounts"] as? [[String: Any]])?.count == 3)
    }

    @Test func badLinesAreNamedAndTheRestStillAnalysed() throws {
        var data = Data("{\"id\": \"good1\", \"title\": \"Intel Corp falls\"}\n".utf8)
        data += Data("{\"id\": \"broken\", \"title\": \n".utf8)  // malformed JSON
        data += Data([0x7B, 0x22, 0x74, 0x69, 0x74, 0x6C, 0x65, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D, 0x0A])  // invalid UTF-8
        data += Data("[1, 2]\n".utf8)  // not an object
        data += Data("{\"id\": \"empty\"}\n".utf8)  // no title or body
        data += Data("{\"id\": \"good2\", \"title\": \"Apple Inc. rises\"}\n".utf8)
        let path = try Self.temp("mixed.ndjson", data)
        let r = try Self.run(["analyze", path])
        #expect(r.status == 1)
        #expect(Self.records(r).map { $0["id"] as? String } == ["good1", "good2"])
        #expect(r.stderr.contains("mixed.ndjson:2: malformed JSON"))
        #expect(r.stderr.contains("mixed.ndjson:3: invalid UTF-8"))
        #expect(r.stderr.contains("mixed.ndjson:4: expected a JSON object"))
        #expect(r.stderr.contains("mixed.ndjson:5: the record has neither"))
    }

    @Test func emptyAndBinaryFilesAreReportedAndOthersStillRun() throws {
        let empty = try Self.temp("empty.txt", Data())
        let binary = try Self.temp("blob.bin", Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01, 0x02, 0x00, 0xFF]))
        let good = try Self.temp("good.ndjson", Data("{\"id\": \"ok\", \"title\": \"Microsoft Corp gains\"}\n".utf8))
        let r = try Self.run(["analyze", empty, binary, good])
        #expect(r.status == 1)
        #expect(r.stderr.contains("empty.txt: empty input"))
        #expect(r.stderr.contains("blob.bin: binary file"))
        #expect(Self.records(r).map { $0["id"] as? String } == ["ok"])
    }

    @Test func aHugeLineIsSkippedWithoutBufferingIt() throws {
        var data = Data("{\"id\": \"before\", \"title\": \"Tesla Inc climbs\"}\n".utf8)
        data += Data("{\"id\": \"huge\", \"body\": \"".utf8) + Data(repeating: UInt8(ascii: "x"), count: 50 << 20) + Data("\"}\n".utf8)
        data += Data("{\"id\": \"after\", \"title\": \"Netflix Inc slips\"}\n".utf8)
        let r = try Self.run(["analyze", try Self.temp("huge.ndjson", data)])
        #expect(r.status == 1)
        #expect(r.stderr.contains("huge.ndjson:2: line is"))
        #expect(Self.records(r).map { $0["id"] as? String } == ["before", "after"])
    }

    @Test func aByteOrderMarkDoesNotHideNDJSON() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data("{\"id\": \"bom\", \"title\": \"Oracle Corp rallies\"}\n".utf8)
        let r = try Self.run(["analyze", try Self.temp("bom.ndjson", data)])
        #expect(r.status == 0)
        #expect(Self.records(r).map { $0["id"] as? String } == ["bom"])
    }

    @Test func readsStandardInput() throws {
        let r = try Self.run(["analyze", "--format", "text"], stdin: Data("{\"title\": \"Boeing Co wins order\"}\n".utf8))
        #expect(r.status == 0)
        #expect(r.stdout.contains("BA"))
    }

    @Test func securitiesImportAndLookup() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tickerwire-data-\(getpid())").path
        let csv = try Self.temp("universe.csv", Data("symbol,name,exchange\nZZQX,Quixotic Widgets Inc,NASDAQ\nBAD ROW\n".utf8))
        let imported = try Self.run(["securities", "import", csv, "--data", dir])
        #expect(imported.status == 1)
        #expect(imported.stderr.contains("universe.csv:line 3"))
        let found = try Self.run(["securities", "lookup", "Quixotic Widgets", "--data", dir])
        #expect(found.stdout.hasPrefix("ZZQX"))
        let tagged = try Self.run(["analyze", "--data", dir], stdin: Data("{\"title\": \"Quixotic Widgets shares jump\"}\n".utf8))
        #expect(tagged.stdout.contains("\"symbol\":\"ZZQX\""))
    }
}
