import ArgumentParser
import Dispatch
import Foundation
import NewsAnalysis
import NewsModel

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
        let stories = AnalyzeRun.Stories()
        var failed = false
        output.begin()
        for name in files.isEmpty ? ["-"] : files {
            let ok = AnalyzeRun(
                name: name, analyzer: analyzer, defaultPublished: defaultPublished, maxLine: maxLine, output: output, stories: stories
            ).run()
            failed = failed || !ok
        }
        output.end()
        if failed { throw ExitCode(1) }
    }
}

/// Analyses one input (a file or standard input) in batches on all cores, writing results in input order.
struct AnalyzeRun {
    let name: String
    let analyzer: NewsAnalyzer
    let defaultPublished: Date?
    let maxLine: Int
    let output: OrderedOutput
    /// Shared by all inputs of one run, so stories cluster across files.
    let stories: Stories

    enum Unit {
        case record(line: Int, bytes: [UInt8])
        case document([UInt8])
        case problem(String)
    }

    /// Returns false when anything in this input could not be read.
    func run() -> Bool {
        let fd: Int32 = name == "-" ? 0 : open(name, O_RDONLY)
        guard fd >= 0 else {
            printError("\(name): cannot open: \(String(cString: strerror(errno)))")
            return false
        }
        defer { if fd != 0 { close(fd) } }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            printError("\(name): is a directory")
            return false
        }
        var reader = LineReader(fd: fd, maxLine: maxLine)
        var ok = true
        var batch: [Unit] = []
        let batchSize = 256
        // Peek at the first non-empty line to tell NDJSON from a document.
        var firstLines: [LineReader.Line] = []
        var mode: Bool? = nil  // true: NDJSON
        do {
            while mode == nil, var line = try reader.next() {
                // A UTF-8 byte-order mark (Windows editors write one) is not part of the first record.
                if firstLines.isEmpty, case .text(let t) = line, t.starts(with: [0xEF, 0xBB, 0xBF]) { line = .text(Array(t.dropFirst(3))) }
                firstLines.append(line)
                switch line {
                case .tooLong: mode = true
                case .text(let t):
                    if t.contains(0) {
                        printError("\(name): binary file (NUL byte on line \(reader.lineNumber)); skipped")
                        return false
                    }
                    if let f = t.first(where: { !ByteClass.isSpace($0) }) { mode = f == UInt8(ascii: "{") }
                }
            }
            guard let isNDJSON = mode else {
                printError("\(name): empty input; no article in it")
                return false
            }
            if !isNDJSON {
                // One document: the whole input, bounded.
                var all: [UInt8] = []
                var peeked = firstLines[...]
                while let l = try (peeked.popFirst() ?? reader.next()) {
                    guard case .text(let t) = l else {
                        printError("\(name): a line is longer than \(maxLine) bytes; a document must be smaller")
                        return false
                    }
                    if t.contains(0) {
                        printError("\(name): binary file (NUL byte); skipped")
                        return false
                    }
                    all.append(contentsOf: t)
                    all.append(10)
                    if all.count > 4 * maxLine {
                        printError("\(name): document is larger than \(4 * maxLine) bytes; skipped")
                        return false
                    }
                }
                finish(start([.document(all)], after: nil), ok: &ok)
                return ok
            }
            var lineNo = 0
            var pending: Batch? = nil
            func add(_ line: LineReader.Line) {
                lineNo += 1
                switch line {
                case .tooLong(let n): batch.append(.problem("\(name):\(lineNo): line is \(n) bytes, over the \(maxLine)-byte limit; skipped"))
                case .text(let t):
                    if t.allSatisfy(ByteClass.isSpace) { return }
                    batch.append(.record(line: lineNo, bytes: t))
                }
                if batch.count >= batchSize {
                    process(batch, ok: &ok, pending: &pending)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            for l in firstLines { add(l) }
            while let l = try reader.next() { add(l) }
            process(batch, ok: &ok, pending: &pending)
            if let last = pending { finish(last, ok: &ok) }
        } catch {
            printError("\(name): read error: \(error)")
            return false
        }
        return ok
    }

    /// One batch analysed in the background: its encoded outputs (or problems) in input order.
    final class Batch: @unchecked Sendable {
        var results: [Result<[UInt8], ArticleDecoding.Problem>?]
        let done = DispatchGroup()
        /// Left once this batch's articles have their stories: the next batch's wait for it, so clustering sees the
        /// articles in input order.
        let storiesAssigned = DispatchGroup()

        init(count: Int) {
            results = Array(repeating: nil, count: count)
            storiesAssigned.enter()
        }
    }

    /// The stories of the articles so far; touched only by the batch whose turn it is.
    final class Stories: @unchecked Sendable {
        var index = StoryIndex()
        var lastTime = 0.0

        func assign(_ a: inout AnalyzedArticle) {
            if let p = a.article.published { lastTime = p.timeIntervalSince1970 }
            index.assign(&a, at: lastTime)
        }
    }

    /// Starts analysing and encoding a batch on all cores; the caller goes on reading meanwhile.
    private func start(_ units: [Unit], after previous: Batch?) -> Batch {
        let batch = Batch(count: units.count)
        let stories = self.stories
        let name = self.name
        let analyzer = self.analyzer
        let defaultPublished = self.defaultPublished
        let format = output.format
        batch.done.enter()
        DispatchQueue.global().async {
            // Each stage runs over the whole batch before the next: stages keep their own tables in cache.
            var tagged = [Result<TaggedArticle, ArticleDecoding.Problem>?](repeating: nil, count: units.count)
            tagged.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let slots = out.baseAddress!
                DispatchQueue.concurrentPerform(iterations: units.count) { k in
                    let r: Result<TaggedArticle, ArticleDecoding.Problem>
                    do {
                        let article: Article
                        switch units[k] {
                        case .record(let line, let bytes):
                            do {
                                article = try ArticleDecoding.record(bytes, defaultPublished: defaultPublished)
                            } catch let p as ArticleDecoding.Problem {
                                throw ArticleDecoding.Problem(description: "\(name):\(line): \(p.description)")
                            }
                        case .document(let bytes):
                            do {
                                article = try ArticleDecoding.document(bytes, defaultPublished: defaultPublished)
                            } catch let p as ArticleDecoding.Problem {
                                throw ArticleDecoding.Problem(description: "\(name): \(p.description)")
                            }
                        case .problem(let message): throw ArticleDecoding.Problem(description: message)
                        }
                        r = .success(analyzer.tag(article))
                    } catch {
                        r = .failure(error as? ArticleDecoding.Problem ?? ArticleDecoding.Problem(description: "\(error)"))
                    }
                    slots[k] = r
                }
            }
            let taggedDone = tagged
            var analysed = [Result<AnalyzedArticle, ArticleDecoding.Problem>?](repeating: nil, count: units.count)
            analysed.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let slots = out.baseAddress!
                DispatchQueue.concurrentPerform(iterations: units.count) { k in
                    slots[k] = taggedDone[k]!.map { analyzer.enrich($0) }
                }
            }
            previous?.storiesAssigned.wait()
            for k in analysed.indices {
                if case .success(var a) = analysed[k] {
                    stories.assign(&a)
                    analysed[k] = .success(a)
                }
            }
            batch.storiesAssigned.leave()
            let done = analysed
            batch.results.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let slots = out.baseAddress!
                DispatchQueue.concurrentPerform(iterations: units.count) { k in
                    slots[k] = done[k]!.map { OrderedOutput.encode($0, format: format) }
                }
            }
            batch.done.leave()
        }
        return batch
    }

    /// Waits for a batch and writes it out in order.
    private func finish(_ batch: Batch, ok: inout Bool) {
        batch.done.wait()
        for r in batch.results {
            switch r! {
            case .success(let bytes): output.write(bytes)
            case .failure(let p):
                ok = false
                printError(p.description)
            }
        }
    }

    /// Hands a batch over, keeping one in flight: batch N is analysed while N+1 is read and N-1 written.
    private func process(_ units: [Unit], ok: inout Bool, pending: inout Batch?) {
        let next = units.isEmpty ? nil : start(units, after: pending)
        if let previous = pending { finish(previous, ok: &ok) }
        pending = next
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
