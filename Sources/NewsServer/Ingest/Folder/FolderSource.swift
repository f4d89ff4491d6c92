import Foundation
import NewsModel
import NewsStore

/// A folder on this machine: each new or changed .txt, .html, .htm, .json, .ndjson or .jsonl file in it (or below
/// it) is imported once. A file is taken only when it has not changed for `settle` seconds, so one still being
/// written is left for the next look; hidden and temporary files (`.part`, `.tmp`) are skipped.
public struct FolderSource: PolledSource {
    public static let kind = SourceConfig.Kind.directory
    static let extensions: Set<String> = ["txt", "html", "htm", "json", "ndjson", "jsonl"]

    private let settle: Double
    private let maxFilesPerPoll: Int
    private let maxFileBytes: Int

    public init(settle: Double = 1, maxFilesPerPoll: Int = 200, maxFileBytes: Int = 256 << 20) {
        self.settle = settle
        self.maxFilesPerPoll = maxFilesPerPoll
        self.maxFileBytes = maxFileBytes
    }

    public func poll(_ source: RegisteredSource, now: Date) async -> PollResult {
        let root = source.config.location
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue,
            let walker = FileManager.default.enumerator(atPath: root)
        else { return .failed(reason: "\(root): no such folder") }
        var state = source.state
        var present: Set<String> = []
        var waiting: [(path: String, stamp: SourceState.FileStamp)] = []
        for case let relative as String in walker {
            let name = (relative as NSString).lastPathComponent
            guard !name.hasPrefix("."), Self.extensions.contains((name as NSString).pathExtension.lowercased()) else { continue }
            let full = (root as NSString).appendingPathComponent(relative)
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: full), attributes[.type] as? FileAttributeType == .typeRegular,
                let size = (attributes[.size] as? NSNumber)?.intValue, let modified = (attributes[.modificationDate] as? Date)
            else { continue }
            present.insert(relative)
            let stamp = SourceState.FileStamp(size: size, modified: modified.timeIntervalSince1970)
            if state.files[relative] != stamp && now.timeIntervalSince(modified) >= settle { waiting.append((relative, stamp)) }
        }
        // Forget files that are gone, so the state stays the size of the folder.
        state.files = state.files.filter { present.contains($0.key) }
        waiting.sort { $0.stamp.modified < $1.stamp.modified || ($0.stamp.modified == $1.stamp.modified && $0.path < $1.path) }
        var articles: [Article] = []
        var problems: [String] = []
        for (relative, stamp) in waiting.prefix(maxFilesPerPoll) {
            let full = (root as NSString).appendingPathComponent(relative)
            if stamp.size > maxFileBytes {
                problems.append("\(relative): \(stamp.size) bytes, over the watcher's limit of \(maxFileBytes); import it with `tickerwire ingest`")
            } else if let bytes = FileManager.default.contents(atPath: full) {
                let read = Self.articles(in: [UInt8](bytes), named: relative, modified: Date(timeIntervalSince1970: stamp.modified))
                articles += read.articles
                problems += read.problems
            } else {
                problems.append("\(relative): cannot be read")
                continue
            }
            state.files[relative] = stamp
        }
        return .found(articles, keep: state, more: waiting.count > maxFilesPerPoll, problems: problems)
    }

    /// A file's articles: one a line in NDJSON (and in JSON, which is one record), else a whole document dated by
    /// the file. Lines that cannot be read are named, and the rest kept.
    static func articles(in bytes: [UInt8], named name: String, modified: Date) -> (articles: [Article], problems: [String]) {
        let ext = (name as NSString).pathExtension.lowercased()
        guard ["json", "ndjson", "jsonl"].contains(ext) else {
            do {
                return ([try ArticleDecoding.document(bytes, defaultPublished: modified)], [])
            } catch {
                return ([], ["\(name): \(error)"])
            }
        }
        if ext == "json", let first = bytes.first(where: { $0 > 32 }), first == UInt8(ascii: "[") {
            // A JSON array of records, read like an API's reply.
            do {
                return (try APIRecords.articles(from: Data(bytes), mapping: FieldMapping(), source: nil), [])
            } catch {
                return ([], ["\(name): \(error.description)"])
            }
        }
        var articles: [Article] = []
        var problems: [String] = []
        // A pretty-printed .json object spans lines: read it whole.
        let lines = ext == "json" ? [bytes[...]] : bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (n, line) in lines.enumerated() where line.contains(where: { $0 > 32 }) {
            do {
                articles.append(try ArticleDecoding.record(Array(line), defaultPublished: nil))
            } catch {
                problems.append(ext == "json" ? "\(name): \(error)" : "\(name):\(n + 1): \(error)")
            }
        }
        return (articles, problems)
    }
}
