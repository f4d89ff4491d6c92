import Foundation
import NewsAnalysis
import NewsModel

/// Builds the analyzer the commands share: the bundled security master plus the user's own universe,
/// imported with `tickerwire securities import` into `DATA/securities.csv`.
enum AnalyzerSetup {
    static func userUniverseFile(data: String) -> String { (data as NSString).appendingPathComponent("securities.csv") }

    static func analyzer(data: String) throws -> NewsAnalyzer {
        NewsAnalyzer(master: try master(data: data))
    }

    static func master(data: String) throws -> SecurityMaster {
        var user: [Instrument] = []
        let file = userUniverseFile(data: data)
        if FileManager.default.fileExists(atPath: file) {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            user = SecurityMasterFormat.parseCSV(text).instruments
        }
        return try SecurityMaster.bundled(userInstruments: user)
    }
}

/// Writes to standard error.
func printError(_ s: String) {
    FileHandle.standardError.write((s + "\n").data(using: .utf8)!)
}
