import ArgumentParser
import Foundation
import NewsStorePostgres

/// `tickerwire bench words`: how long a node takes to turn articles into the `tsvector`s it stores on PostgreSQL
/// (`TextVectors`: splitting, stemming, binary encoding). `scripts/bench-words` runs it beside PostgreSQL's own
/// `to_tsvector` on the same texts.
struct BenchWords: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "words",
        abstract: "Time the words a node stems for PostgreSQL's full-text index, on articles of an NDJSON file.",
        discussion: """
            Reads the title and body of the first --articles lines, then vectorises them --runs times in batches of \
            100 (as an ingest does) and prints the median time per article.
            """)

    @Argument(help: "NDJSON articles (title, body).")
    var path: String

    @Option(help: "Articles to read.")
    var articles = 5000

    @Option(help: "Timed runs.")
    var runs = 5

    @ArgumentParser.Flag(help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        guard let reader = FileHandle(forReadingAtPath: path) else { throw ValidationError("cannot read \(path)") }
        let data = reader.readDataToEndOfFile()
        var texts: [(title: String, body: String)] = []
        for line in data.split(separator: UInt8(ascii: "\n")).prefix(articles) {
            guard let object = try JSONSerialization.jsonObject(with: line) as? [String: Any] else { continue }
            texts.append(((object["title"] as? String) ?? "", (object["body"] as? String) ?? ""))
        }
        guard !texts.isEmpty else { throw ValidationError("\(path) has no articles") }
        var perArticle: [Double] = []
        var bytes = 0
        for _ in 0..<runs {
            bytes = 0
            let start = DispatchTime.now().uptimeNanoseconds
            for batch in stride(from: 0, to: texts.count, by: 100) {
                var vectors = TextVectors()
                for (title, body) in texts[batch..<min(batch + 100, texts.count)] { bytes += vectors.vector(title: title, body: body).count }
            }
            perArticle.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e3 / Double(texts.count))
        }
        let median = perArticle.sorted()[perArticle.count / 2]
        if json {
            print(
                #"{"articles": \#(texts.count), "runs": \#(runs), "median_us_per_article": \#((median * 10).rounded() / 10), "vector_bytes": \#(bytes)}"#
            )
        } else {
            print("\(texts.count) articles, \(runs) runs: median \(String(format: "%.1f", median)) µs an article (\(bytes) bytes of vectors)")
        }
    }
}
