import Dispatch
import Foundation
import NewsAnalysis
import NewsModel
import NewsServer

#if canImport(Glibc)
    import Glibc
#endif

/// Reads one input (a file or standard input) and analyses it in batches on all cores; each article's result,
/// turned into `Output` by `transform` (in the background too), is handed to `deliver` in input order.
///
/// A batch is analysed while the next is read and the one before delivered. Problems (a bad line, an unreadable
/// record) are delivered in their place, so a consumer can report them where they occurred.
struct AnalysisRun<Output: Sendable> {
    let name: String
    let analyzer: NewsAnalyzer
    let defaultPublished: Date?
    let maxLine: Int
    /// Shared by all inputs of one run, so stories cluster across files.
    let stories: StoryAssigner
    let transform: @Sendable (AnalyzedArticle) -> Output
    let deliver: (Result<Output, ArticleDecoding.Problem>) -> Void
    /// Called after each batch is delivered with the input bytes read so far (for progress).
    var progress: ((Int) -> Void)? = nil

    enum Unit {
        case record(line: Int, bytes: [UInt8])
        case document([UInt8])
        /// An article that arrived already decoded (a feed entry).
        case article(Article)
        case problem(String)
    }

    /// Analyses articles that arrived already decoded (a feed's entries), in batches, delivering in order.
    func run(articles: [Article]) {
        var ok = true
        var pending: Batch? = nil
        var start = 0
        while start < articles.count {
            let units = articles[start..<min(articles.count, start + 256)].map { Unit.article($0) }
            process(units, ok: &ok, pending: &pending, bytesRead: 0)
            start += 256
        }
        if let last = pending { finish(last, ok: &ok) }
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
                progress?(reader.bytesRead)
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
                    process(batch, ok: &ok, pending: &pending, bytesRead: reader.bytesRead)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            for l in firstLines { add(l) }
            while let l = try reader.next() { add(l) }
            process(batch, ok: &ok, pending: &pending, bytesRead: reader.bytesRead)
            if let last = pending { finish(last, ok: &ok) }
            progress?(reader.bytesRead)
        } catch {
            printError("\(name): read error: \(error)")
            return false
        }
        return ok
    }

    /// One batch analysed in the background: its outputs (or problems) in input order.
    final class Batch: @unchecked Sendable {
        var results: [Result<Output, ArticleDecoding.Problem>?]
        let done = DispatchGroup()
        /// Left once this batch's articles have their stories: the next batch's wait for it, so clustering sees the
        /// articles in input order.
        let storiesAssigned = DispatchGroup()

        init(count: Int) {
            results = Array(repeating: nil, count: count)
            storiesAssigned.enter()
        }
    }

    /// Starts analysing a batch on all cores; the caller goes on reading meanwhile.
    private func start(_ units: [Unit], after previous: Batch?) -> Batch {
        let batch = Batch(count: units.count)
        let stories = self.stories
        let name = self.name
        let analyzer = self.analyzer
        let defaultPublished = self.defaultPublished
        let transform = self.transform
        batch.done.enter()
        DispatchQueue.global().async {
            // Each stage runs over the whole batch before the next: stages keep their own tables in cache.
            let tagged = units.concurrentMap { unit -> Result<TaggedArticle, ArticleDecoding.Problem> in
                do {
                    return .success(analyzer.tag(try Self.decode(unit, name: name, defaultPublished: defaultPublished)))
                } catch {
                    return .failure(error as? ArticleDecoding.Problem ?? ArticleDecoding.Problem(description: "\(error)"))
                }
            }
            var analysed = tagged.concurrentMap { $0.map { analyzer.enrich($0) } }
            previous?.storiesAssigned.wait()
            for k in analysed.indices { analysed[k].modifySuccess { stories.assign(&$0) } }
            batch.storiesAssigned.leave()
            batch.results = analysed.concurrentMap { $0.map(transform) }
            batch.done.leave()
        }
        return batch
    }

    /// The article a unit holds; a problem names the input (and line) it came from.
    private static func decode(_ unit: Unit, name: String, defaultPublished: Date?) throws -> Article {
        switch unit {
        case .record(let line, let bytes):
            do {
                return try ArticleDecoding.record(bytes, defaultPublished: defaultPublished)
            } catch let p as ArticleDecoding.Problem {
                throw ArticleDecoding.Problem(description: "\(name):\(line): \(p.description)")
            }
        case .document(let bytes):
            do {
                return try ArticleDecoding.document(bytes, defaultPublished: defaultPublished)
            } catch let p as ArticleDecoding.Problem {
                throw ArticleDecoding.Problem(description: "\(name): \(p.description)")
            }
        case .article(let a): return a
        case .problem(let message): throw ArticleDecoding.Problem(description: message)
        }
    }

    /// Waits for a batch and delivers it in order.
    private func finish(_ batch: Batch, ok: inout Bool) {
        batch.done.wait()
        for r in batch.results {
            if case .failure = r! { ok = false }
            deliver(r!)
        }
    }

    /// Hands a batch over, keeping one in flight: batch N is analysed while N+1 is read and N-1 delivered.
    private func process(_ units: [Unit], ok: inout Bool, pending: inout Batch?, bytesRead: Int) {
        let next = units.isEmpty ? nil : start(units, after: pending)
        if let previous = pending { finish(previous, ok: &ok) }
        pending = next
        progress?(bytesRead)
    }
}

extension Result {
    /// Changes a success in place: reading it out and writing it back would retain and release every field of a large
    /// struct (an analysed article holds a dozen arrays).
    fileprivate mutating func modifySuccess(_ body: (inout Success) -> Void) {
        switch consume self {
        case .success(var value):
            body(&value)
            self = .success(value)
        case .failure(let error):
            self = .failure(error)
        }
    }
}
