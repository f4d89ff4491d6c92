import ArgumentParser
import Foundation
import NewsAlerts
import NewsAnalysis
import NewsServer
import NewsStore

/// `tickerwire rules check "QUERY"`: parse a rule and show how it reads, or where it is wrong.
/// `tickerwire rules test "QUERY" FILE...`: which articles of the files the rule would have caught, and why.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Work with alert rules (CONTRACTS.md §6).", subcommands: [Check.self, Test.self])

    /// The rule parsed, or its error with a caret on standard error and exit status 1.
    static func parse(_ rule: String) throws -> RuleExpression {
        do {
            return try RuleParser.parse(rule)
        } catch {
            FileHandle.standardError.write(Data((error.pointing(into: rule) + "\n").utf8))
            throw ExitCode(1)
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Parse a rule: print it with its grouping made explicit, or the error with a caret under where it is.")

        @Argument(help: "The rule, e.g. 'ticker:BABA event:sanction' or '\"share buyback\" -ticker:(GME OR AMC)'.")
        var rule: String

        func run() throws {
            print(try RulesCommand.parse(rule).description)
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Analyse the articles of FILE (as `analyze` reads them) and list those the rule matches, with why.",
            discussion: "Exit status: 0 when every input was read (whether or not anything matched); 1 for a bad rule or input.")

        @Argument(help: "The rule, e.g. 'ticker:BABA event:sanction'.")
        var rule: String

        @Argument(help: "Input files (NDJSON articles, or one text article each); '-' for standard input.")
        var files: [String]

        @Option(help: "A watchlist for ticker:@name, as name=AAPL,MSFT (repeat for more).")
        var watchlist: [String] = []

        @Option(help: "Data directory holding the imported securities (securities.csv).")
        var data: String = "./data"

        func run() throws {
            let expression = try RulesCommand.parse(rule)
            var lists: [String: Set<String>] = [:]
            for w in watchlist {
                let parts = w.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, !parts[0].isEmpty else { throw ValidationError("--watchlist takes name=TICKER,TICKER, not '\(w)'") }
                lists[String(parts[0])] = Set(parts[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() })
            }
            if let missing = expression.watchlistNames.subtracting(lists.keys).sorted().first {
                throw ValidationError("the rule names @\(missing): give its tickers with --watchlist \(missing)=AAPL,MSFT")
            }
            let analyzer = try AnalyzerSetup.analyzer(data: data)
            let stories = StoryAssigner()
            let watchlists = lists
            var (seen, matched, failed) = (0, 0, false)
            for name in files {
                let ok = AnalysisRun<(title: String, id: String?, reasons: [String]?)>(
                    name: name, analyzer: analyzer, defaultPublished: nil, maxLine: 16 << 20, stories: stories,
                    transform: { a in
                        let features = ArticleFeatures(StoredArticle.Incoming(a, received: Date()))
                        return (a.article.title, a.article.id, expression.reasons(features, watchlists: watchlists))
                    },
                    deliver: { r in
                        switch r {
                        case .success(let hit):
                            seen += 1
                            guard let reasons = hit.reasons else { return }
                            matched += 1
                            print("\(name) #\(seen)\(hit.id.map { " [\($0)]" } ?? ""): \(hit.title)")
                            print("  why: \(reasons.joined(separator: "; "))")
                        case .failure(let p):
                            FileHandle.standardError.write(Data((p.description + "\n").utf8))
                        }
                    }
                ).run()
                failed = failed || !ok
            }
            print("\(matched) of \(seen) articles match \(expression)")
            if failed { throw ExitCode(1) }
        }
    }
}
