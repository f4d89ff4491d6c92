import ArgumentParser
import Foundation
import NewsAnalysis
import NewsModel

/// `tickerwire eval sentiment FILE.tsv`: accuracy of sentence sentiment against labels.
struct EvalSentiment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sentiment",
        abstract: "Score sentence sentiment on TSV lines of label<TAB>sentence (positive, negative or neutral).",
        discussion: """
            Bullish and Somewhat-Bullish count as positive, Bearish and Somewhat-Bearish as negative. Prints accuracy, \
            per-label precision and recall, and the confusion matrix; --errors lists every wrong sentence.
            """)

    @Argument(help: "The labelled file, e.g. ../shared/eval/financial-phrasebank/sentences_AllAgree.tsv")
    var file: String

    @ArgumentParser.Flag(help: "List every sentence scored wrongly.")
    var errors = false

    static let labels = ["positive", "neutral", "negative"]

    func run() throws {
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw ValidationError("cannot read \(file): \(error.localizedDescription)")
        }
        var confusion = [[Int]](repeating: [0, 0, 0], count: 3)
        var skipped = 0
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2, let gold = Self.labels.firstIndex(of: parts[0].lowercased()) else {
                if n > 0 || parts.first?.lowercased() != "label" { skipped += 1 }
                continue
            }
            let sentiment = NewsAnalyzer.sentiment(ofSentence: String(parts[1]))
            let predicted = Self.labels.firstIndex(of: Self.polarity(sentiment.label))!
            confusion[gold][predicted] += 1
            if errors && gold != predicted {
                print("\(Self.labels[gold]) → \(Self.labels[predicted]) (\(String(format: "%.2f", sentiment.score)))  \(parts[1])")
            }
        }
        let total = confusion.joined().reduce(0, +)
        guard total > 0 else { throw ValidationError("\(file): no labelled lines (expected label<TAB>sentence)") }
        let correct = (0..<3).map { confusion[$0][$0] }.reduce(0, +)
        print(String(format: "sentiment: %d sentences, accuracy %.3f", total, Double(correct) / Double(total)))
        for (k, label) in Self.labels.enumerated() {
            let predicted = (0..<3).map { confusion[$0][k] }.reduce(0, +)
            let actual = confusion[k].reduce(0, +)
            print(
                String(
                    format: "  %-8@ precision %.3f  recall %.3f  (gold %d, predicted %d)", label as NSString,
                    predicted == 0 ? 0 : Double(confusion[k][k]) / Double(predicted), actual == 0 ? 0 : Double(confusion[k][k]) / Double(actual),
                    actual, predicted))
        }
        print("  confusion (rows gold, columns predicted: positive neutral negative): \(confusion)")
        if skipped > 0 { printError("\(file): \(skipped) lines were not label<TAB>sentence; skipped") }
    }

    static func polarity(_ label: Sentiment.Label) -> String {
        switch label {
        case .bullish, .somewhatBullish: "positive"
        case .bearish, .somewhatBearish: "negative"
        case .neutral: "neutral"
        }
    }
}
