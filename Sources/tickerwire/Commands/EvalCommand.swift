import ArgumentParser
import Foundation
import NewsAnalysis
import NewsModel

/// `tickerwire eval tickers FILE.jsonl`: precision, recall and F1 of ticker tags against gold labels.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Measure accuracy against labelled data.",
        subcommands: [EvalTickers.self, EvalSentiment.self, EvalEvents.self])
}

struct EvalTickers: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tickers",
        abstract: "Score ticker tags on JSONL with gold labels ({\"id\",\"title\",\"text\",\"published\",\"gold\":[{\"ticker\"}]}).",
        discussion: """
            Micro precision, recall and F1 over (article, ticker) pairs. A predicted symbol matches a gold ticker when \
            equal, or equal to its part before the suffix (RHM for RHM.DE). Every miss and false tag is listed.
            """)

    @Argument(help: "The labelled file, e.g. ../shared/eval/dev-articles.jsonl")
    var file: String

    @Option(help: "Data directory holding imported securities.")
    var data: String = "./data"

    @ArgumentParser.Flag(help: "Print only the summary line.")
    var quiet = false

    func run() throws {
        let analyzer = try AnalyzerSetup.analyzer(data: data)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        var tp = 0
        var fp = 0
        var fn = 0
        var articles = 0
        for (n, line) in text.split(separator: "\n").enumerated() where !line.allSatisfy(\.isWhitespace) {
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                printError("\(file):\(n + 1): not a JSON object; skipped")
                continue
            }
            articles += 1
            let id = obj["id"] as? String ?? "line \(n + 1)"
            let published = (obj["published"] as? String).flatMap(DateParsing.timestamp)
            let article = Article(
                id: id, title: obj["title"] as? String ?? "", body: obj["text"] as? String ?? obj["body"] as? String ?? "", published: published)
            let gold = ((obj["gold"] as? [[String: Any]]) ?? []).compactMap { $0["ticker"] as? String }
            let result = analyzer.analyze(article)
            let predicted = result.instruments.map { $0.symbolAsPublished ?? $0.instrument.symbol }
            let score = Self.match(predicted: predicted, gold: gold)
            tp += score.hits
            fp += score.falseTags.count
            fn += score.misses.count
            if !quiet {
                for m in score.misses { print("MISS  \(id)  \(m)") }
                for f in score.falseTags {
                    let how = result.instruments.first { ($0.symbolAsPublished ?? $0.instrument.symbol) == f }?.mentions.first
                    print("FALSE \(id)  \(f)  \(how.map { "\"\($0.text)\" via \($0.how.rawValue)" } ?? "")")
                }
            }
        }
        let p = tp + fp == 0 ? 1 : Double(tp) / Double(tp + fp)
        let r = tp + fn == 0 ? 1 : Double(tp) / Double(tp + fn)
        let f1 = p + r == 0 ? 0 : 2 * p * r / (p + r)
        print(
            String(
                format: "tickers: %d articles, %d gold, %d tagged, %d correct — precision %.3f  recall %.3f  F1 %.3f", articles, tp + fn, tp + fp, tp,
                p, r, f1))
    }

    /// Pairs predictions with gold tickers one-to-one.
    static func match(predicted: [String], gold: [String]) -> (hits: Int, misses: [String], falseTags: [String]) {
        var remaining = gold
        var falseTags: [String] = []
        var hits = 0
        for p in predicted {
            if let k = remaining.firstIndex(where: {
                $0 == p || $0.split(separator: ".").first.map(String.init) == p && $0.contains(".") && !p.contains(".")
            }) {
                remaining.remove(at: k)
                hits += 1
            } else {
                falseTags.append(p)
            }
        }
        return (hits, remaining, falseTags)
    }
}
