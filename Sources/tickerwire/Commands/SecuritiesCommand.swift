import ArgumentParser
import Foundation
import NewsAnalysis
import NewsModel

/// `tickerwire securities lookup QUERY` and `tickerwire securities import FILE.csv`.
struct SecuritiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "securities", abstract: "Look up and import listed companies.", subcommands: [Lookup.self, Import.self])

    struct Lookup: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Find instruments by symbol, listing or name.")

        @Argument(help: "A symbol (BABA, 9988.HK) or a name (Alibaba).")
        var query: String

        @Option(help: "Data directory holding imported securities.")
        var data: String = "./data"

        @Option(help: "Most results to show.")
        var limit: Int = 10

        func run() throws {
            let master = try AnalyzerSetup.master(data: data)
            let hits = master.lookup(query, limit: limit)
            if hits.isEmpty {
                printError("no instrument matches '\(query)'")
                throw ExitCode(1)
            }
            for i in hits {
                var line = "\(i.symbol)\t\(i.exchange)\t\(AliasGenerator.displayName(i.name))"
                if i.status == .former { line += "\t(former)" }
                if !i.listings.isEmpty { line += "\talso " + i.listings.map { "\($0.symbol) (\($0.exchange))" }.joined(separator: ", ") }
                print(line)
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add your own instruments from a CSV file (header: symbol,name[,exchange,country,isin,aliases]).",
            discussion:
                "Good rows are added to DATA/securities.csv (a symbol already there is replaced); each bad row is reported with its line number.")

        @Argument(help: "The CSV file.")
        var file: String

        @Option(help: "Data directory to store the imported securities in.")
        var data: String = "./data"

        func run() throws {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                printError("\(file): cannot read it as UTF-8 text")
                throw ExitCode(1)
            }
            let parsed = SecurityMasterFormat.parseCSV(text)
            for e in parsed.errors { printError("\(file):\(e)") }
            let target = AnalyzerSetup.userUniverseFile(data: data)
            var existing: [Instrument] = []
            if let old = try? String(contentsOfFile: target, encoding: .utf8) { existing = SecurityMasterFormat.parseCSV(old).instruments }
            let incoming = Set(parsed.instruments.map(\.symbol))
            let merged = existing.filter { !incoming.contains($0.symbol) } + parsed.instruments
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            try Self.csv(merged).write(toFile: target, atomically: true, encoding: .utf8)
            print("imported \(parsed.instruments.count) instruments (\(parsed.errors.count) rejected); \(merged.count) in \(target)")
            if !parsed.errors.isEmpty { throw ExitCode(1) }
        }

        static func csv(_ list: [Instrument]) -> String {
            func q(_ s: String) -> String {
                s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
            }
            var out = "symbol,name,exchange,country,isin,aliases\n"
            for i in list {
                out += [i.symbol, i.name, i.exchange, i.country, i.isin ?? "", i.aliases.joined(separator: "|")].map(q).joined(separator: ",") + "\n"
            }
            return out
        }
    }
}
