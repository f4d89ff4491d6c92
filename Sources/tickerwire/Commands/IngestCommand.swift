import ArgumentParser
import Dispatch
import Foundation
import NewsAnalysis
import NewsModel
import NewsServer
import NewsStore

#if canImport(Glibc)
    import Glibc
#endif

/// `tickerwire ingest PATH...`: analyse files and store them, once each, with a progress line and a summary.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Analyse articles from files, folders or feed URLs and store them in the news store.",
        discussion: """
            PATH is an NDJSON file (one article a line, as `analyze` reads), a plain-text or HTML article, '-' for \
            standard input, a folder (its .txt, .html, .htm, .json, .ndjson and .jsonl files, recursively), or the \
            http(s) URL of an RSS or Atom feed (read once; its entries are the articles). An \
            article already stored (same source and id or url, or the same text) is counted as a duplicate, or as an \
            update when its text changed. Every article is acknowledged (counted) only after its batch is committed.
            Exit status: 0 when everything was read; 1 when something was rejected (the reasons are listed).
            """)

    @OptionGroup var location: StoreLocation

    @Option(help: "Source name for articles that carry none.")
    var source: String?

    @Option(help: "Published time for articles that carry none (ISO 8601).")
    var published: String?

    @Option(help: "Articles written per transaction.")
    var batch = 512

    @ArgumentParser.Flag(help: "No progress line (it is shown only on a terminal anyway).")
    var quiet = false

    @Option(help: "Append each stored article's id (or sequence number) to this file once its batch has committed.")
    var acks: String?

    @Argument(help: "Files, folders or feed URLs to ingest; '-' for standard input.")
    var paths: [String]

    func validate() throws {
        if let p = published, DateParsing.timestamp(p) == nil {
            throw ValidationError("--published '\(p)' is not an ISO 8601 time, e.g. 2020-09-15T14:00:00Z")
        }
        guard (1...10_000).contains(batch) else { throw ValidationError("--batch must be between 1 and 10000") }
    }

    func run() throws {
        let files = try Self.expand(paths)
        let analyzer = try AnalyzerSetup.analyzer(data: location.data)
        let store = try location.openOrCreate()
        let writer = IngestWriter(store: store, batchSize: batch, acks: try acks.map(AckLog.init(path:)))
        let total = files.reduce(0) { $0 + (Self.size(of: $1) ?? 0) }
        let progress = ProgressLine(enabled: !quiet && isatty(2) == 1, totalBytes: total)
        // Articles already in the store count: a repeat of a stored story is a repeat.
        let stories = StoryAssigner()
        _ = try blocking { try await stories.warm(from: store) }
        let defaultPublished = published.flatMap(DateParsing.timestamp)
        let received = Date()
        let fallbackSource = source
        var done = 0
        let transform: @Sendable (AnalyzedArticle) -> StoredArticle.Incoming = { a in
            .prepared(a, defaultSource: fallbackSource, received: received)
        }
        let deliver: (Result<StoredArticle.Incoming, ArticleDecoding.Problem>) -> Void = { r in
            switch r {
            case .success(let a): writer.add(a)
            case .failure(let p): writer.reject(p.description)
            }
        }
        for name in files {
            if name.hasPrefix("http://") || name.hasPrefix("https://") {
                // A feed, read once: its entries arrive decoded (stored with the time received when they carry none).
                guard let url = URL(string: name) else {
                    writer.reject("\(name): not a URL")
                    continue
                }
                let run = AnalysisRun(
                    name: name, analyzer: analyzer, defaultPublished: defaultPublished, maxLine: 16 << 20, stories: stories,
                    transform: transform, deliver: deliver)
                switch try blocking({ await FeedFetcher().fetch(url) }) {
                case .items(let items, _): run.run(articles: items.map { $0.article(source: fallbackSource ?? url.host ?? name) })
                case .notModified: break
                case .failed(let reason, _): writer.reject("\(name): \(reason)")
                }
                continue
            }
            let run = AnalysisRun(
                name: name, analyzer: analyzer, defaultPublished: defaultPublished, maxLine: 16 << 20, stories: stories,
                transform: transform, deliver: deliver,
                progress: { bytes in progress.update(bytes: done + bytes, articles: writer.seen) })
            if !run.run() { writer.readFailed(name) }
            done += Self.size(of: name) ?? 0
        }
        writer.finish()
        // After a bulk import the full-text index is in many segments; one merge makes later searches faster.
        if writer.summary.added >= 100_000 { try blocking { try await store.optimize() } }
        try store.checkpoint()
        progress.finish()
        let s = writer.summary
        print(
            "ingest: \(s.total) articles in \(String(format: "%.1f", progress.elapsed)) s (\(Int(Double(s.total) / max(progress.elapsed, 0.001)))/s): "
                + "\(s.added) added, \(s.updated) updated, \(s.duplicate) duplicate, \(s.rejected.count) rejected")
        for reason in s.rejected.prefix(20) { print("  rejected: \(reason)") }
        if s.rejected.count > 20 { print("  … and \(s.rejected.count - 20) more") }
        if !s.rejected.isEmpty { throw ExitCode(1) }
    }

    static let extensions: Set<String> = ["txt", "html", "htm", "json", "ndjson", "jsonl"]

    /// Files named, and the article files inside folders named (sorted, so runs are repeatable).
    static func expand(_ paths: [String]) throws -> [String] {
        var out: [String] = []
        for p in paths {
            if p.hasPrefix("http://") || p.hasPrefix("https://") {
                out.append(p)
                continue
            }
            var isDirectory: ObjCBool = false
            if p != "-", FileManager.default.fileExists(atPath: p, isDirectory: &isDirectory), isDirectory.boolValue {
                guard let e = FileManager.default.enumerator(atPath: p) else { throw ValidationError("\(p): cannot list this folder") }
                let found = e.compactMap { $0 as? String }.filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }.sorted()
                out += found.map { (p as NSString).appendingPathComponent($0) }
            } else {
                out.append(p)
            }
        }
        return out
    }

    static func size(of path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
    }
}

/// Collects analysed articles and writes them to the store in batches, each one transaction, on a writer thread of
/// its own so analysis goes on meanwhile. At most `inFlight` batches wait for the writer: past that, `add` blocks
/// (backpressure). Outcomes are counted only after their batch commits.
final class IngestWriter: @unchecked Sendable {
    struct Summary {
        var added = 0
        var updated = 0
        var duplicate = 0
        var rejected: [String] = []
        var total: Int { added + updated + duplicate + rejected.count }
    }

    private let store: any NewsStore
    private let batchSize: Int
    private var pending: [StoredArticle.Incoming] = []
    private let queue = DispatchQueue(label: "tickerwire.ingest.writer")
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    private var counted = Summary()
    private(set) var seen = 0
    private let acks: AckLog?

    init(store: any NewsStore, batchSize: Int, inFlight: Int = 4, acks: AckLog? = nil) {
        self.store = store
        self.batchSize = batchSize
        self.slots = DispatchSemaphore(value: inFlight)
        self.acks = acks
    }

    /// What has been committed (and rejected) so far.
    var summary: Summary { lock.withLock { counted } }

    func add(_ a: StoredArticle.Incoming) {
        pending.append(a)
        seen += 1
        if pending.count >= batchSize { send() }
    }

    func reject(_ reason: String) {
        seen += 1
        lock.withLock { counted.rejected.append(reason) }
    }

    func readFailed(_ name: String) {
        lock.withLock {
            if !counted.rejected.contains(where: { $0.hasPrefix(name) }) { counted.rejected.append("\(name): could not be read in full") }
        }
    }

    /// Sends what is pending and waits until every batch is written.
    func finish() {
        send()
        queue.sync {}
    }

    private func send() {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            do {
                let outcomes = try blocking({ [store] in try await store.ingest(batch) })
                // Acknowledged only now, after the commit.
                acks?.write(
                    zip(batch, outcomes).map { a, o in
                        switch o {
                        case .added(let seq), .duplicate(let seq), .updated(let seq, _): a.externalID ?? "seq:\(seq)"
                        }
                    })
                lock.withLock {
                    for outcome in outcomes {
                        switch outcome {
                        case .added: counted.added += 1
                        case .updated: counted.updated += 1
                        case .duplicate: counted.duplicate += 1
                        }
                    }
                }
            } catch {
                // The transaction rolled back: none of the batch is stored, and each article is reported.
                lock.withLock { counted.rejected += batch.map { "\($0.title.prefix(60)): not stored: \(error)" } }
            }
        }
    }
}

/// A file of acknowledged article ids, one a line, appended as batches commit.
final class AckLog: @unchecked Sendable {
    private let handle: FileHandle

    init(path: String) throws {
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        guard let h = FileHandle(forWritingAtPath: path) else { throw ValidationError("--acks \(path): cannot write there") }
        h.seekToEndOfFile()
        handle = h
    }

    func write(_ ids: [String]) {
        guard !ids.isEmpty else { return }
        handle.write(Data((ids.joined(separator: "\n") + "\n").utf8))
    }
}
