import Foundation

/// Turns a legal name ("AMAZON COM INC", "Alibaba Group Holding Ltd") into the names news uses for it.
public enum AliasGenerator {
    /// How strong a name is as evidence on its own.
    public enum Kind: Int, Sendable, Comparable {
        /// A shortened name ("Alibaba", "Amazon"): common words among them need corroboration.
        case short = 0
        /// The name without its legal form ("Alibaba Group Holding", "Amazon.com").
        case core = 1
        /// A curated brand or former name ("Google", "Facebook").
        case curated = 2
        /// The legal name as registered ("Alibaba Group Holding Ltd").
        case legal = 3

        public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    static let legalForms: Set<String> = [
        "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "plc", "ag", "se", "sa", "nv",
        "spa", "llc", "lp", "kgaa", "ab", "asa", "oyj", "a/s", "bhd", "berhad", "tbk", "pcl", "jsc", "pjsc", "s.a", "n.v",
        "s.p.a", "l.p", "co.", "ltd.", "inc.", "corp.", "plc.", "de", "md", "nv.", "the", "adr", "ads", "cl", "class",
        "tr", "kk", "k.k", "sab", "cv", "de cv", "reit",
    ]
    /// Words that name a group's structure rather than the company; a short name drops them.
    static let genericTails: Set<String> = [
        "group", "holding", "holdings", "international", "intl", "industries", "technologies", "technology",
        "communications", "enterprises", "worldwide", "global", "systems", "brands", "entertainment", "hldgs",
        "financial", "pharmaceuticals", "pharmaceutical", "therapeutics", "motor", "motors", "electronics", "platforms",
        "& co", "and co", "sports", "properties", "research", "real estate", "equities", "trust", "reit",
    ]
    /// Names that are places, peoples or generic words; never a company on their own.
    static let neverAlone: Set<String> = [
        "american", "america", "british", "canadian", "chinese", "china", "japan", "japanese", "korea", "korean", "german",
        "germany", "french", "france", "india", "indian", "european", "europe", "asia", "asian", "pacific", "atlantic",
        "national", "international", "global", "universal", "general", "federal", "royal", "imperial", "western",
        "eastern", "northern", "southern", "central", "united", "first", "new", "great", "hong kong", "singapore",
        "australia", "australian", "swiss", "dutch", "italian", "spanish", "mexican", "brazil", "russian", "russia",
        "taiwan", "israel", "texas", "california", "new york", "london", "tokyo", "deutsche", "capital", "bank",
        "energy", "health", "digital", "premier", "pioneer", "allied", "summit", "apex", "alpha", "beta", "omega",
        "union", "standard", "trust", "fund", "partners", "resources", "investment", "investments", "insurance",
        "securities", "realty", "real estate", "trading", "services", "solutions", "software", "media", "air",
        "sun", "star", "the", "and", "us", "usa", "uk", "eu", "world", "park", "city", "group", "holdings",
    ]

    /// The names of one instrument with their kinds, strongest first; duplicates removed.
    public static func aliases(forLegalName legal: String) -> [(name: String, kind: Kind)] {
        var out: [(String, Kind)] = []
        var seen: Set<String> = []
        func add(_ s: String, _ k: Kind) {
            let t = s.trimming(" ,.-/")
            let key = t.lowercased()
            guard t.count >= 2, !seen.contains(key), !neverAlone.contains(key) else { return }
            // A name made only of legal forms ("Co Ltd") names nothing.
            if key.split(separator: " ").allSatisfy({ legalForms.contains(String($0).trimming(",.")) || genericTails.contains(String($0)) }) { return }
            // A one-word name of two letters is an abbreviation that collides with everything.
            if !t.contains(" "), t.count < 3 { return }
            seen.insert(key)
            out.append((t, k))
        }
        let display = displayName(legal)
        add(display, .legal)
        if display.contains(", ") { add(display.replacingOccurrences(of: ", ", with: " "), .legal) }
        var words = display.split(separator: " ").map(String.init)
        while let last = words.last, legalForms.contains(last.lowercased().trimming(",.")) {
            words.removeLast()
        }
        var core = words.joined(separator: " ").trimming(" ,")
        if core.hasSuffix(" &") { core = String(core.dropLast(2)) }
        add(core, .core)
        // Shorter names: drop generic tails one at a time ("Alibaba Group Holding" -> "Alibaba Group" -> "Alibaba").
        var short = core.split(separator: " ").map(String.init)
        while short.count > 1 {
            let tail = short.last!.lowercased().trimming(",.")
            let tail2 = short.count > 2 ? short.suffix(2).joined(separator: " ").lowercased() : ""
            if genericTails.contains(tail2) {
                short.removeLast(2)
            } else if genericTails.contains(tail) {
                short.removeLast()
            } else {
                break
            }
            while let l = short.last, ["&", "and", "-", "of", "for", "the", "de"].contains(l.lowercased()) { short.removeLast() }
            if !short.isEmpty { add(short.joined(separator: " "), .short) }
        }
        // "Deutsche Börse" is also written "Deutsche Boerse" and "Deutsche Borse".
        for (name, kind) in out where name.unicodeScalars.contains(where: { $0.value > 127 }) {
            var oe = name
            for (u, a) in [("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue"), ("ß", "ss")] {
                oe = oe.replacingOccurrences(of: u, with: a)
            }
            add(oe, kind)
            add(name.folding(options: .diacriticInsensitive, locale: nil), kind)
        }
        // "Amazon.com" is also "Amazon".
        if let dot = core.range(of: ".com", options: .caseInsensitive), core.distance(from: core.startIndex, to: dot.lowerBound) >= 3 {
            add(String(core[..<dot.lowerBound]), .short)
        }
        return out
    }

    /// "AMAZON COM INC" -> "Amazon.com Inc"; "TOYOTA MOTOR CORP/" -> "Toyota Motor Corp". Mixed-case names are kept.
    public static func displayName(_ legal: String) -> String {
        var s = legal.trimmingCharacters(in: .whitespaces)
        // SEC appends a state or status: "PROGRESSIVE CORP/OH/", "TOYOTA MOTOR CORP/", "X INC /DE".
        if let slash = s.firstIndex(of: "/"), s.distance(from: slash, to: s.endIndex) <= 6 {
            s = String(s[..<slash]).trimmingCharacters(in: .whitespaces)
        }
        let letters = s.unicodeScalars.filter { $0.properties.isAlphabetic }
        let isShouting = !letters.isEmpty && letters.allSatisfy { !$0.properties.isLowercase }
        guard isShouting else { return s }
        // "AMAZON COM INC" is Amazon.com.
        s = s.replacingOccurrences(of: " COM INC", with: ".COM INC").replacingOccurrences(of: " COM, INC", with: ".COM, INC")
        return s.split(separator: " ", omittingEmptySubsequences: true).map { word -> String in
            let w = String(word)
            // Keep short acronyms (IBM, CVS, AT&T) as they are, but not legal forms ("INC" is "Inc").
            if (w.count <= 3 || w.contains("&")) && !legalForms.contains(w.lowercased().trimming(",.")) { return w }
            if w.lowercased().hasSuffix(".com") { return w.prefix(1) + w.dropFirst().lowercased() }
            return w.prefix(1) + w.dropFirst().lowercased()
        }.joined(separator: " ")
    }
}

extension String {
    fileprivate func trimming(_ chars: String) -> String {
        let set = Set(chars)
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
