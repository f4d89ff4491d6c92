import ArgumentParser
import Foundation
import NewsAnalysis
import NewsModel

/// `tickerwire eval events FILE`: per-type precision and recall of events on labelled sentences, or the events found
/// in a JSONL file of articles, for counting and spot checks.
struct EvalEvents: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Score events on TSV lines of types<TAB>sentence, or count them in a JSONL file of articles.",
        discussion: """
            TSV: the first column lists the event types a sentence states, comma-separated, or "none". Each sentence \
            is analysed as an article body. JSONL ({"title","text"} per line): prints the count of each event type, \
            and with --list N, N of the events (spread evenly over the file) for checking by hand.
            """)

    @Argument(help: "eval/event-sentences.tsv, or e.g. ../shared/eval/dev-articles.jsonl")
    var file: String

    @Option(help: "Data directory holding imported securities.")
    var data: String = "./data"

    @ArgumentParser.Flag(help: "List every sentence whose events were wrong (TSV).")
    var errors = false

    @Option(help: "List this many events for a spot check (JSONL).")
    var list = 0

    func run() throws {
        let analyzer = try AnalyzerSetup.analyzer(data: data)
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw ValidationError("cannot read \(file): \(error.localizedDescription)")
        }
        if file.hasSuffix(".tsv") { try score(text, analyzer) } else { try count(text, analyzer) }
    }

    private func score(_ text: String, _ analyzer: NewsAnalyzer) throws {
        var tp: [Event.Kind: Int] = [:]
        var fp: [Event.Kind: Int] = [:]
        var fn: [Event.Kind: Int] = [:]
        var sentences = 0
        for (n, line) in text.split(separator: "\n").enumerated() where !line.hasPrefix("#") && !line.allSatisfy(\.isWhitespace) {
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2 else {
                printError("\(file):\(n + 1): expected types<TAB>sentence; skipped")
                continue
            }
            var gold: Set<Event.Kind> = []
            for name in parts[0].split(separator: ",") where name != "none" {
                guard let kind = Event.Kind(rawValue: String(name)) else { throw ValidationError("\(file):\(n + 1): unknown event type \(name)") }
                gold.insert(kind)
            }
            sentences += 1
            let found = Set(analyzer.analyze(Article(title: "", body: String(parts[1]))).events.map(\.type))
            for k in found.intersection(gold) { tp[k, default: 0] += 1 }
            for k in found.subtracting(gold) { fp[k, default: 0] += 1 }
            for k in gold.subtracting(found) { fn[k, default: 0] += 1 }
            if errors && found != gold {
                let missed = gold.subtracting(found).map(\.rawValue).sorted()
                let extra = found.subtracting(gold).map(\.rawValue).sorted()
                print("line \(n + 1): missed \(missed) extra \(extra)  \(parts[1])")
            }
        }
        print("events: \(sentences) sentences")
        print("  type                 gold  found  precision  recall")
        for kind in Event.Kind.allCases {
            let t = tp[kind, default: 0]
            let p = fp[kind, default: 0]
            let n = fn[kind, default: 0]
            print(
                "  " + kind.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0)
                    + String(
                        format: " %4d  %5d  %9.3f  %6.3f", t + n, t + p, t + p == 0 ? 1 : Double(t) / Double(t + p),
                        t + n == 0 ? 1 : Double(t) / Double(t + n)))
        }
        let t = tp.values.reduce(0, +)
        let p = fp.values.reduce(0, +)
        let n = fn.values.reduce(0, +)
        let precision = t + p == 0 ? 1 : Double(t) / Double(t + p)
        let recall = t + n == 0 ? 1 : Double(t) / Double(t + n)
        print(
            String(
                format: "  all (micro)          %4d  %5d  %9.3f  %6.3f  F1 %.3f", t + n, t + p, precision, recall,
                precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)))
    }

    private func count(_ text: String, _ analyzer: NewsAnalyzer) throws {
        var counts: [Event.Kind: Int] = [:]
        var all: [(String, Event)] = []
        var articles = 0
        for (n, line) in text.split(separator: "\n").enumerated() where !line.allSatisfy(\.isWhitespace) {
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                printError("\(file):\(n + 1): not a JSON object; skipped")
                continue
            }
            articles += 1
            let id = obj["id"] as? String ?? "line \(n + 1)"
            let article = Article(
                id: id, title: obj["title"] as? String ?? "", body: obj["text"] as? String ?? obj["body"] as? String ?? "",
                published: (obj["published"] as? String).flatMap(DateParsing.timestamp))
            for e in analyzer.analyze(article).events {
                counts[e.type, default: 0] += 1
                all.append((id, e))
            }
        }
        print("events: \(articles) articles, \(all.count) events")
        for kind in Event.Kind.allCases {
            print("  " + kind.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0) + String(format: " %4d", counts[kind, default: 0]))
        }
        guard list > 0, !all.isEmpty else { return }
        let step = max(1, all.count / list)
        for (id, e) in stride(from: 0, to: all.count, by: step).prefix(list).map({ all[$0] }) {
            let attributes = e.attributes.map { a in
                switch a.value {
                case .number(let v): "\(a.key)=\(v)"
                case .text(let t): "\(a.key)=\(t)"
                }
            }
            print("\n[\(id)] \(e.type.rawValue) \(e.instruments + e.organizations) \(attributes.joined(separator: " "))\n    \(e.text)")
        }
    }
}
