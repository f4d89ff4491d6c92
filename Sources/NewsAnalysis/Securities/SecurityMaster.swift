import Foundation
import NewsModel

/// Every known listed company, with the names and symbols news uses for it, and the automaton that finds them.
///
/// Immutable once built and shared across threads.
public struct SecurityMaster: Sendable {
    /// One name of one or more instruments (several when the name is ambiguous, e.g. a group's short name).
    public struct NameEntry: Sendable {
        public var text: String
        public var instruments: [Int32]
        public var kind: AliasGenerator.Kind
        /// The name is an ordinary English word ("Target", "Snap") and needs corroboration.
        public var isCommonWord: Bool
        /// For former names: the symbol the company had then, if it differs.
        public var isFormer: Bool
    }

    /// A symbol that was valid until a date.
    public struct FormerSymbol: Sendable, Hashable {
        public var symbol: String
        public var until: Date
    }

    public let instruments: [Instrument]
    public let names: [NameEntry]
    public let automaton: AhoCorasick
    public let commonWords: Set<String>
    private let bySymbol: [String: Int32]
    private let byListing: [String: [Int32]]
    /// Former symbols, by instrument index.
    public let formerSymbols: [Int32: [FormerSymbol]]

    public init(instruments input: [Instrument], curated: [CuratedEntry] = [], commonWords: Set<String> = []) {
        var instruments = input
        var bySymbol: [String: Int32] = [:]
        for (i, inst) in instruments.enumerated() where bySymbol[inst.symbol] == nil { bySymbol[inst.symbol] = Int32(i) }
        var extraNames: [(String, Int32, AliasGenerator.Kind, Bool)] = []
        var formerSymbols: [Int32: [FormerSymbol]] = [:]
        for entry in curated {
            switch entry {
            case .instrument(let inst):
                if bySymbol[inst.symbol] == nil {
                    bySymbol[inst.symbol] = Int32(instruments.count)
                    instruments.append(inst)
                }
            case .brand(let symbol, let name):
                if let i = bySymbol[symbol] { extraNames.append((name, i, .curated, false)) }
            case .formerName(let symbol, let name):
                if let i = bySymbol[symbol] { extraNames.append((name, i, .curated, true)) }
            case .formerSymbol(let symbol, let old, let until):
                if let i = bySymbol[symbol] { formerSymbols[i, default: []].append(FormerSymbol(symbol: old, until: until)) }
            }
        }
        var byListing: [String: [Int32]] = [:]
        for (i, inst) in instruments.enumerated() {
            for l in inst.listings { byListing[l.symbol, default: []].append(Int32(i)) }
        }
        for (i, list) in formerSymbols {
            for f in list { byListing[f.symbol, default: []].append(i) }
        }

        // Collect every name; the strongest kind wins when one instrument has the same name twice.
        var index: [String: Int] = [:]
        var names: [NameEntry] = []
        func add(_ text: String, _ inst: Int32, _ kind: AliasGenerator.Kind, former: Bool) {
            let key = text.lowercased()
            if let at = index[key] {
                if !names[at].instruments.contains(inst) {
                    names[at].instruments.append(inst)
                }
                names[at].kind = max(names[at].kind, kind)
                return
            }
            index[key] = names.count
            let single = !key.contains(" ")
            let variants = key.replacingOccurrences(of: "'", with: "")
            names.append(
                NameEntry(
                    text: text, instruments: [inst], kind: kind,
                    isCommonWord: single && (commonWords.contains(key) || commonWords.contains(variants)), isFormer: former))
        }
        for (i, inst) in instruments.enumerated() {
            for (name, kind) in AliasGenerator.aliases(forLegalName: inst.name) { add(name, Int32(i), kind, former: false) }
            for alias in inst.aliases { add(alias, Int32(i), .curated, former: false) }
        }
        for (name, i, kind, former) in extraNames { add(name, i, kind, former: former) }
        // Curly apostrophes are folded to straight ones before matching, so only straight ones are patterns.
        self.automaton = AhoCorasick(patterns: names.map { Array($0.text.utf8) })
        self.instruments = instruments
        self.names = names
        self.bySymbol = bySymbol
        self.byListing = byListing
        self.formerSymbols = formerSymbols
        self.commonWords = commonWords
    }

    /// The instrument whose primary symbol is `symbol`.
    public func instrument(symbol: String) -> Int32? { bySymbol[symbol] }

    /// Instruments known by `symbol`: their primary symbol first, then other listings and former symbols.
    public func instruments(matching symbol: String) -> [Int32] {
        var out: [Int32] = []
        if let i = bySymbol[symbol] { out.append(i) }
        for i in byListing[symbol] ?? [] where !out.contains(i) { out.append(i) }
        return out
    }

    /// Finds instruments by symbol, listing or name (case-insensitive), best first.
    public func lookup(_ query: String, limit: Int = 10) -> [Instrument] {
        let q = query.trimmingCharacters(in: .whitespaces)
        var hits: [Int32] = instruments(matching: q.uppercased())
        let lower = q.lowercased()
        for (n, entry) in names.enumerated() where entry.text.lowercased() == lower {
            _ = n
            for i in entry.instruments where !hits.contains(i) { hits.append(i) }
        }
        if hits.count < limit {
            var scored: [(Int32, Int)] = []
            for (i, inst) in instruments.enumerated() where !hits.contains(Int32(i)) {
                if inst.name.lowercased().contains(lower) { scored.append((Int32(i), inst.prominence)) }
            }
            scored.sort { $0.1 > $1.1 }
            hits += scored.prefix(limit - hits.count).map(\.0)
        }
        return hits.prefix(limit).map { instruments[Int($0)] }
    }

    /// The symbol an instrument had at `date`, when a former symbol was then in force.
    public func symbol(of instrument: Int32, at date: Date?) -> String? {
        guard let date, let list = formerSymbols[instrument] else { return nil }
        return list.filter { date < $0.until }.min { $0.until < $1.until }?.symbol
    }
}

/// A line of the curated alias file.
public enum CuratedEntry: Sendable {
    case brand(symbol: String, name: String)
    case formerName(symbol: String, name: String)
    case formerSymbol(symbol: String, old: String, until: Date)
    case instrument(Instrument)
}
