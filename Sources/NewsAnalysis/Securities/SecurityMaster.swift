import Foundation
import NewsModel

/// Every known listed company, with the names and symbols news uses for it, and the automaton that finds them.
///
/// Immutable once built and shared across threads.
public struct SecurityMaster: Sendable {
    /// One name of one or more instruments (several when the name is ambiguous, e.g. a group's short name).
    public struct NameEntry: Sendable {
        public var text: String
        /// A slice of one shared array in a restored master: no allocation per name.
        public var instruments: ArraySlice<Int32>
        public var kind: AliasGenerator.Kind
        /// The name is an ordinary English word ("Target", "Snap") and needs corroboration.
        public var isCommonWord: Bool
        /// A former name of the company (Facebook for Meta).
        public var isFormer: Bool
        /// The instrument a curated brand or former name points to; it wins over generated namesakes.
        public var curatedInstrument: Int32?
        /// A venue or index name ("Nasdaq", "S&P"): only a certain mention elsewhere makes it the company.
        public var isVenue: Bool
        /// One word ("Alibaba"), not several ("Alibaba Group").
        public var isSingleWord: Bool { !text.utf8.contains(32) }
        /// An all-capitals short name (SAP, UBS) that matches only in capitals.
        public var isAcronym: Bool {
            let u = text.utf8
            return u.count <= 6 && u.contains(where: ByteClass.isUpper) && !u.contains(where: ByteClass.isLower)
        }
    }

    /// A symbol that was valid until a date.
    public struct FormerSymbol: Sendable, Hashable {
        public var symbol: String
        public var until: Date
    }

    public let instruments: [Instrument]
    public let names: [NameEntry]
    public let automaton: AhoCorasick
    private let bySymbol: [String: Int32]
    private let byListing: [String: [Int32]]
    /// Former symbols, by instrument index.
    public let formerSymbols: [Int32: [FormerSymbol]]

    /// Instruments and curated lines linked together: the part of a master that is cheap to rebuild every start.
    struct Linked {
        var instruments: [Instrument]
        var bySymbol: [String: Int32]
        var byListing: [String: [Int32]]
        var formerSymbols: [Int32: [FormerSymbol]]
        var extraNames: [(String, Int32, AliasGenerator.Kind, Bool)]
        var curatedSymbols: Set<String>
    }

    /// Builds the master: links instruments and curated lines, generates and indexes every name, builds the automaton.
    public init(instruments input: [Instrument], curated: [CuratedEntry] = [], commonWords: Set<String> = []) {
        let linked = Self.link(input, curated)
        let names = Self.buildNames(linked, commonWords: commonWords)
        // Every name is anchored by a leading space: names start at word boundaries, and the text is matched in a form
        // where boundary punctuation is a space (see `TickerTagger.matchView`). Mid-word bytes then fall straight back
        // to the root, which keeps the scan fast. Curly apostrophes are straightened in the text, so patterns use straight ones.
        let automaton = AhoCorasick(patterns: names.map { [32] + Array($0.text.utf8) })
        self.init(linked: linked, names: names, automaton: automaton)
    }

    /// Restores a master from its compiled names and automaton (see `SecurityMasterArchive`), skipping the costly part.
    public init(instruments input: [Instrument], curated: [CuratedEntry] = [], names: [NameEntry], automaton: AhoCorasick) {
        self.init(linked: Self.link(input, curated), names: names, automaton: automaton)
    }

    init(linked: Linked, names: [NameEntry], automaton: AhoCorasick) {
        self.instruments = linked.instruments
        self.bySymbol = linked.bySymbol
        self.byListing = linked.byListing
        self.formerSymbols = linked.formerSymbols
        self.names = names
        self.automaton = automaton
    }

    static func link(_ input: [Instrument], _ curated: [CuratedEntry]) -> Linked {
        var instruments = input
        var bySymbol: [String: Int32] = [:]
        for (i, inst) in instruments.enumerated() where bySymbol[inst.symbol] == nil { bySymbol[inst.symbol] = Int32(i) }
        var extraNames: [(String, Int32, AliasGenerator.Kind, Bool)] = []
        var formerSymbols: [Int32: [FormerSymbol]] = [:]
        // Curated instruments first, so brand lines can name them wherever they stand in the file.
        for case .instrument(let inst) in curated where bySymbol[inst.symbol] == nil {
            bySymbol[inst.symbol] = Int32(instruments.count)
            instruments.append(inst)
        }
        for entry in curated {
            switch entry {
            case .instrument:
                break
            case .brand(let symbol, let name):
                if let i = bySymbol[symbol] { extraNames.append((name, i, .curated, false)) }
            case .formerName(let symbol, let name):
                if let i = bySymbol[symbol] { extraNames.append((name, i, .curated, true)) }
            case .formerSymbol(let symbol, let old, let until):
                if let i = bySymbol[symbol] { formerSymbols[i, default: []].append(FormerSymbol(symbol: old, until: until)) }
            case .listing(let symbol, let listing):
                if let i = bySymbol[symbol], !instruments[Int(i)].listings.contains(listing) { instruments[Int(i)].listings.append(listing) }
            }
        }
        // An instrument that a curated listing names is that company's other line (7203.T of TM): fold it in, keeping
        // its names as aliases, so the two never compete.
        let folded = Set(curated.compactMap { if case .listing(let s, let l) = $0, bySymbol[s] != nil { return l.symbol } else { return nil } })
        if folded.contains(where: { bySymbol[$0] != nil }) {
            var owner: [String: Int32] = [:]
            for case .listing(let s, let l) in curated { owner[l.symbol] = bySymbol[s] }
            for sym in folded {
                guard let line = bySymbol[sym], let target = owner[sym] else { continue }
                let gone = instruments[Int(line)]
                instruments[Int(target)].aliases += [gone.name] + gone.aliases
            }
            let keep = instruments.indices.filter { !folded.contains(instruments[$0].symbol) }
            var remap: [Int32: Int32] = [:]
            for (new, old) in keep.enumerated() { remap[Int32(old)] = Int32(new) }
            instruments = keep.map { instruments[$0] }
            bySymbol = [:]
            for (i, inst) in instruments.enumerated() where bySymbol[inst.symbol] == nil { bySymbol[inst.symbol] = Int32(i) }
            extraNames = extraNames.compactMap { e in remap[e.1].map { (e.0, $0, e.2, e.3) } }
            formerSymbols = Dictionary(uniqueKeysWithValues: formerSymbols.compactMap { k, v in remap[k].map { ($0, v) } })
        }
        var byListing: [String: [Int32]] = [:]
        for (i, inst) in instruments.enumerated() {
            for l in inst.listings { byListing[l.symbol, default: []].append(Int32(i)) }
        }
        for (i, list) in formerSymbols {
            for f in list { byListing[f.symbol, default: []].append(i) }
        }
        let curatedSymbols = Set(curated.compactMap { if case .instrument(let i) = $0 { return i.symbol } else { return nil } })
        return Linked(
            instruments: instruments, bySymbol: bySymbol, byListing: byListing, formerSymbols: formerSymbols, extraNames: extraNames,
            curatedSymbols: curatedSymbols)
    }

    static func buildNames(_ linked: Linked, commonWords: Set<String>) -> [NameEntry] {
        let instruments = linked.instruments

        // Collect every name; the strongest kind wins when one instrument has the same name twice.
        var index: [String: Int] = [:]
        var names: [NameEntry] = []
        func add(_ text: String, _ inst: Int32, _ kind: AliasGenerator.Kind, former: Bool) {
            let key = AliasGenerator.lowerASCII(text)
            guard !Self.neverNames.contains(key), key.contains(where: \.isLetter) else { return }
            if let at = index[key] {
                if !names[at].instruments.contains(inst) {
                    names[at].instruments.append(inst)
                }
                names[at].kind = max(names[at].kind, kind)
                if kind == .curated, names[at].curatedInstrument == nil {
                    // A curated spelling ("Nike") replaces a generated one ("NIKE"), and a brand is not a common word.
                    names[at].curatedInstrument = inst
                    names[at].text = text
                    names[at].isCommonWord = Self.needsCorroboration(text, curated: true, commonWords)
                }
                return
            }
            index[key] = names.count
            // A prominent company's own name ("Citigroup" of Citigroup Inc) is that company even when a dictionary lists
            // it as a proper noun, as a curated brand is; a derived short name ("Edison" of Edison International) is not.
            let ownName = kind >= .core && instruments[Int(inst)].prominence >= 60
            names.append(
                NameEntry(
                    text: text, instruments: [inst], kind: kind,
                    isCommonWord: Self.needsCorroboration(text, curated: kind == .curated || ownName, commonWords),
                    isFormer: former, curatedInstrument: kind == .curated ? inst : nil, isVenue: Self.venueAndIndexNames.contains(key)))
        }
        let curatedSymbols = linked.curatedSymbols
        let generated = Self.generateAliases(instruments.map(\.name))
        for (i, inst) in instruments.enumerated() {
            // Names of hand-curated instruments outrank generated namesakes, as brands do.
            let isCurated = curatedSymbols.contains(inst.symbol)
            for (name, kind) in generated[i] {
                add(name, Int32(i), isCurated ? .curated : kind, former: false)
            }
            for alias in inst.aliases { add(alias, Int32(i), isCurated ? .curated : .core, former: false) }
        }
        for (name, i, kind, former) in linked.extraNames { add(name, i, kind, former: former) }
        return names
    }

    /// Aliases for every legal name, on all cores: it is most of the start-up time.
    static func generateAliases(_ legalNames: [String]) -> [[(name: String, kind: AliasGenerator.Kind)]] {
        var out = [[(name: String, kind: AliasGenerator.Kind)]](repeating: [], count: legalNames.count)
        let chunks = 16
        out.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let base = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                for i in (legalNames.count * c / chunks)..<(legalNames.count * (c + 1) / chunks) {
                    base[i] = AliasGenerator.aliases(forLegalName: legalNames[i])
                }
            }
        }
        return out
    }

    /// Business abbreviations and currency codes that some listing happens to be called; never a company on their own.
    static let neverNames: Set<String> = [
        "ceo", "cfo", "coo", "cto", "eps", "ipo", "etf", "gdp", "cpi", "ppi", "rmb", "usd", "eur", "gbp", "jpy", "cny", "hkd", "nav", "agm",
        "esg", "ebitda", "ebit", "roe", "roi", "yoy", "qoq", "fy", "ytd", "ttm", "otc", "sec", "fda", "ftc", "doj", "irs", "fed", "ecb",
        "imf", "opec", "covid", "ai", "ev", "evs", "api", "apis", "ceo's", "spx", "ndx", "vix", "dji", "mpc", "fomc", "boe", "boj", "pboc",
        "nyse", "amex", "cboe", "ltd", "inc", "plc", "llc", "corp", "news", "report", "reports", "update", "breaking", "markets",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may",
        "june", "july", "august", "september", "october", "november", "december",
    ]
    /// Venue and index names: "Nasdaq" is mostly the index or the venue, rarely Nasdaq, Inc.
    static let venueAndIndexNames: Set<String> = [
        "nasdaq", "asx", "lse", "jse", "sgx", "hkex", "tsx", "bse", "nse", "s&p", "dow", "dow jones", "ftse", "nikkei", "dax", "topix",
        "sensex", "nifty", "hang seng", "msci", "russell", "stoxx", "euronext", "cac", "kospi", "ibex",
    ]

    /// Whether a name must be corroborated before it is a tag: an English word ("Target", "Snap"), a place or person name
    /// ("Edison", "Alexandria") unless curated as a brand, or a venue or index name ("Nasdaq", "S&P").
    static func needsCorroboration(_ text: String, curated: Bool, _ words: Set<String>) -> Bool {
        let lower = AliasGenerator.lowerASCII(text)
        if venueAndIndexNames.contains(lower) { return true }
        guard !lower.utf8.contains(32) else { return false }
        // An acronym name (SAP, UBS) matches only in capitals, where it is not the English word (sap).
        if text.utf8.count >= 2, text.utf8.allSatisfy({ ByteClass.isUpper($0) || ByteClass.isDigit($0) || $0 == UInt8(ascii: "&") }) { return false }
        let plain = lower.utf8.contains(UInt8(ascii: "'")) ? String(lower.filter { $0 != "'" }) : lower
        if words.contains(lower) || words.contains(plain) { return true }  // a lower-case dictionary word
        let proper = String(plain.prefix(1)).uppercased() + plain.dropFirst()
        return !curated && words.contains(proper)
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
        for entry in names where entry.text.lowercased() == lower {
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
    /// Another line of a company the sources do not connect (Alibaba's 9988.HK).
    case listing(symbol: String, listing: Listing)
    case instrument(Instrument)
}
