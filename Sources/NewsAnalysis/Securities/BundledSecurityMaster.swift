import Foundation
import NewsModel

extension SecurityMaster {
    /// Where loading the shipped data failed.
    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The security master shipped with Tickerwire, plus a user's own instruments (which win on symbol clashes).
    ///
    /// This is the one place the analysis module reads files: its bundled resources.
    public static func bundled(userInstruments: [Instrument] = []) throws -> SecurityMaster {
        func resource(_ name: String, _ ext: String) throws -> String {
            guard let url = Bundle.module.url(forResource: name, withExtension: ext) else {
                throw LoadError(description: "resource \(name).\(ext) is missing from the NewsAnalysis bundle")
            }
            return try String(contentsOf: url, encoding: .utf8)
        }
        let securitiesText = try resource("securities", "tsv")
        let wordsText = try resource("common-words", "txt")
        let curated = SecurityMasterFormat.parseCurated(try resource("aliases", "tsv"))
        if let first = curated.errors.first { throw LoadError(description: "aliases.tsv \(first)") }
        // Parse the listings and the word list side by side.
        nonisolated(unsafe) var listed: [Instrument] = []
        nonisolated(unsafe) var words: Set<String> = []
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            if k == 0 {
                listed = SecurityMasterFormat.parseSecurities(securitiesText)
            } else {
                words = Set(wordsText.utf8.split(separator: 10).map { String(decoding: $0, as: UTF8.self) })
            }
        }
        let userSymbols = Set(userInstruments.map(\.symbol))
        return SecurityMaster(
            instruments: userInstruments + listed.filter { !userSymbols.contains($0.symbol) }, curated: curated.entries,
            commonWords: words)
    }
}
