import ArgumentParser
import Dispatch
import Foundation
import NewsAnalysis
import NewsModel
import NewsServer

#if canImport(Glibc)
    import Glibc
#endif

/// `tickerwire analyze [--format ndjson|json|text] [--published ISO8601] [FILE ...]`
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Find the companies, amounts and dates in news articles.",
        discussion: """
            Each FILE (or standard input, for none or '-') is NDJSON (one article a line: {"id","title","body","published",...}) \
            or one plain-text or HTML article whose first non-empty line is the title. Output keeps input order.
            Exit status: 0 when every input was read; 1 when any file, line or record could not be (each is named on \
            standard error and the rest are still analysed).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case ndjson, json, text }

    @Option(help: "Output format: ndjson (one object a line), json (one array) or text (for people).")
    var format: Format = .ndjson

    @Option(help: "Published time for articles that carry none (ISO 8601); relative dates resolve against it.")
    var published: String?

    @Option(help: "Data directory holding the imported securities (securities.csv).")
    var data: String = "./data"

    @Option(help: "Longest NDJSON line accepted, in bytes; longer lines are reported and skipped.")
    var maxLine: Int = 16 << 20

    @Argument(help: "Input files; '-' or none for standard input.")
    var files: [String] = []

    func validate() throws {
        if let p = published, DateParsing.timestamp(p) == nil {
            throw ValidationError("--published '\(p)' is not an ISO 8601 time, e.g. 2020-09-15T14:00:00Z")
        }
    }

    func run() throws {
        let analyzer = try AnalyzerSetup.analyzer(data: data)
        let defaultPublished = published.flatMap(DateParsing.timestamp)
        let output = OrderedOutput(format: format)
        let stories = StoryAssigner()
        let format = self.format
        var failed = false
        output.begin()
        for name in files.isEmpty ? ["-"] : files {
            let ok = AnalysisRun<[UInt8]>(
                name: name, analyzer: analyzer, defaultPublished: defaultPublished, maxLine: maxLine, stories: stories,
                transform: { OrderedOutput.encode($0, format: format) },
                deliver: { r in
                    switch r {
                    case .success(let bytes): output.write(bytes)
                    case .failure(let p): printError(p.description)
                    }
                }
            ).run()
            failed = failed || !ok
        }
        output.end()
        if failed { throw ExitCode(1) }
    }
}

/// Writes results to standard output in the chosen format, buffered.
final class OrderedOutput {
    let format: AnalyzeCommand.Format
    private var buffer: [UInt8] = []
    private var count = 0

    init(format: AnalyzeCommand.Format) {
        self.format = format
        buffer.reserveCapacity(1 << 20)
    }

    func begin() { if format == .json { buffer.append(UInt8(ascii: "[")) } }

    /// One article in the output format, without separators (done in a worker, off the writing thread).
    static func encode(_ a: AnalyzedArticle, format: AnalyzeCommand.Format) -> [UInt8] {
        switch format {
        case .ndjson, .json: return AnalysisJSON.encode(a)
        case .text: return Array(AnalysisText.render(a).utf8)
        }
    }

    func write(_ encoded: [UInt8]) {
        switch format {
        case .ndjson:
            buffer.append(contentsOf: encoded)
            buffer.append(10)
        case .json:
            if count > 0 { buffer.append(contentsOf: ",\n".utf8) }
            buffer.append(contentsOf: encoded)
        case .text:
            buffer.append(contentsOf: encoded)
            buffer.append(10)
        }
        count += 1
        flush(force: false)
    }

    func end() {
        if format == .json { buffer.append(contentsOf: "]\n".utf8) }
        flush(force: true)
    }

    private func flush(force: Bool) {
        guard force || buffer.count >= 1 << 16 || count == 1 else { return }
        buffer.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count {
                let n = Glibc.write(1, raw.baseAddress! + off, raw.count - off)
                if n <= 0 { if errno == EINTR { continue }; return }
                off += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
