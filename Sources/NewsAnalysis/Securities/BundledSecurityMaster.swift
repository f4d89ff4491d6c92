import Foundation
import NewsModel

extension SecurityMaster {
    /// Where loading the shipped data failed.
    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Where a compiled master may be kept between runs; the caller owns the storage (a file, memory, nothing).
    public struct CompiledStore: Sendable {
        public var load: @Sendable (_ key: String) -> [UInt8]?
        public var save: @Sendable (_ key: String, _ bytes: [UInt8]) -> Void

        public init(load: @escaping @Sendable (String) -> [UInt8]?, save: @escaping @Sendable (String, [UInt8]) -> Void) {
            self.load = load
            self.save = save
        }
    }

    /// The security master shipped with Tickerwire, plus a user's own instruments (which win on symbol clashes).
    ///
    /// With a `store`, the compiled name index and automaton are reused when nothing they depend on has changed,
    /// which turns most of the start-up into a read. This is the one place the analysis module reads files: its
    /// bundled resources.
    public static func bundled(userInstruments: [Instrument] = [], store: CompiledStore? = nil) throws -> SecurityMaster {
        func resource(_ name: String, _ ext: String) throws -> String {
            guard let url = Bundle.module.url(forResource: name, withExtension: ext) else {
                throw LoadError(description: "resource \(name).\(ext) is missing from the NewsAnalysis bundle")
            }
            return try String(contentsOf: url, encoding: .utf8)
        }
        let securitiesText = try resource("securities", "tsv")
        let curatedText = try resource("aliases", "tsv")
        let wordsText = try resource("common-words", "txt")
        let curated = SecurityMasterFormat.parseCurated(curatedText)
        if let first = curated.errors.first { throw LoadError(description: "aliases.tsv \(first)") }
        let userKey = userInstruments.map { "\($0.symbol)|\($0.name)|\($0.aliases.joined(separator: "|"))" }.joined(separator: "\n")
        let key = store.map { _ in SecurityMasterArchive.key([securitiesText, curatedText, wordsText, userKey]) }
        let userSymbols = Set(userInstruments.map(\.symbol))
        @Sendable func all(_ listed: [Instrument]) -> [Instrument] { userInstruments + listed.filter { !userSymbols.contains($0.symbol) } }

        if let store, let key {
            // Two independent halves of a start, one per core: the listings parsed and linked, and the compiled names
            // and automaton read back. The names' instrument ids are checked against the linked list afterwards.
            nonisolated(unsafe) var linked: Linked? = nil
            nonisolated(unsafe) var compiled: (names: [NameEntry], automaton: AhoCorasick)? = nil
            DispatchQueue.concurrentPerform(iterations: 2) { k in
                if k == 0 {
                    linked = link(all(SecurityMasterFormat.parseSecurities(securitiesText)), curated.entries)
                } else if let bytes = store.load(key) {
                    compiled = SecurityMasterArchive.decode(bytes, instrumentCount: Int(Int32.max))
                }
            }
            if let linked, let compiled, Self.refersOnlyTo(linked.instruments.count, compiled.names) {
                return SecurityMaster(linked: linked, names: compiled.names, automaton: compiled.automaton)
            }
        }
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
        let master = SecurityMaster(instruments: all(listed), curated: curated.entries, commonWords: words)
        if let store, let key { store.save(key, SecurityMasterArchive.encode(master)) }
        return master
    }

    /// Whether every instrument a name stands for is one of `count` instruments.
    private static func refersOnlyTo(_ count: Int, _ names: [NameEntry]) -> Bool {
        names.allSatisfy { name in name.instruments.allSatisfy { $0 < count } && (name.curatedInstrument ?? 0) < count }
    }
}
