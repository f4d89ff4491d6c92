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
    /// Legal forms written in title case ("Inc", "Corp"); others (SE, AG, NV, PLC) stay in capitals.
    static let titleCaseForms: Set<String> = ["inc", "corp", "co", "ltd", "limited", "company", "corporation", "incorporated", "the", "class", "cl"]

    /// Words that name a group's structure rather than the company; a short name drops them.
    static let genericTails: Set<String> = [
        "group", "holding", "holdings", "international", "intl", "industries", "technologies", "technology",
        "communications", "enterprises", "worldwide", "global", "systems", "brands", "entertainment", "hldgs",
        "financial", "pharmaceuticals", "pharmaceutical", "therapeutics", "motor", "motors", "electronics", "platforms",
        "& co", "and co", "sports", "properties", "research", "real estate", "equities", "trust", "reit",
        "automotive", "semiconductor", "semiconductors", "networks", "biosciences", "laboratories", "airlines", "aerospace",
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
    ///
    /// Runs for every instrument at start-up, so it works on UTF-8 words and avoids Foundation's string search.
    public static func aliases(forLegalName legal: String) -> [(name: String, kind: Kind)] {
        var out: [(String, Kind)] = []
        var seen: Set<String> = []
        func add(_ s: String, _ k: Kind) {
            let t = trim(s, " ,.-/")
            let key = lowerASCII(t)
            guard t.utf8.count >= 2, !seen.contains(key), !neverAlone.contains(key) else { return }
            let keyWords = words(key)
            // A name made only of legal forms ("Co Ltd") names nothing.
            if keyWords.allSatisfy({ legalForms.contains(trim($0, ",.")) || genericTails.contains($0) }) { return }
            // A one-word name of two letters is an abbreviation that collides with everything.
            if keyWords.count == 1, t.count < 3 { return }
            seen.insert(key)
            out.append((t, k))
        }
        let display = displayName(legal)
        add(display, .legal)
        var displayWords = words(display)
        if displayWords.contains(where: { $0.utf8.last == UInt8(ascii: ",") }) {
            add(displayWords.map { trim($0, ",") }.joined(separator: " "), .legal)
        }
        while let last = displayWords.last, legalForms.contains(lowerASCII(trim(last, ",."))) { displayWords.removeLast() }
        if displayWords.last == "&" { displayWords.removeLast() }
        let core = trim(displayWords.joined(separator: " "), " ,")
        add(core, .core)
        // Shorter names: drop generic tails one at a time ("Alibaba Group Holding" -> "Alibaba Group" -> "Alibaba").
        var short = words(core)
        while short.count > 1 {
            let tail = lowerASCII(trim(short[short.count - 1], ",."))
            let tail2 = short.count > 2 ? lowerASCII(short[short.count - 2] + " " + short[short.count - 1]) : ""
            if genericTails.contains(tail2) {
                short.removeLast(2)
            } else if genericTails.contains(tail) {
                short.removeLast()
            } else {
                break
            }
            while let l = short.last, ["&", "and", "-", "of", "for", "the", "de"].contains(lowerASCII(l)) { short.removeLast() }
            if !short.isEmpty { add(short.joined(separator: " "), .short) }
        }
        // "Deutsche Börse" is also written "Deutsche Boerse" and "Deutsche Borse".
        for (name, kind) in out where name.utf8.contains(where: { $0 >= 0x80 }) {
            var oe = name
            for (u, a) in [("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue"), ("ß", "ss")] {
                oe = oe.replacingOccurrences(of: u, with: a)
            }
            add(oe, kind)
            add(name.folding(options: .diacriticInsensitive, locale: nil), kind)
        }
        // "Amazon.com" is also "Amazon".
        let lowerCore = Array(lowerASCII(core).utf8)
        if let at = find(Array(".com".utf8), in: lowerCore), at >= 3 {
            add(String(decoding: core.utf8.prefix(at), as: UTF8.self), .short)
        }
        return out
    }

    /// "AMAZON COM INC" -> "Amazon.com Inc"; "TOYOTA MOTOR CORP/" -> "Toyota Motor Corp". Mixed-case names are kept.
    public static func displayName(_ legal: String) -> String {
        var s = trim(legal, " \t")
        // SEC appends a state or status: "PROGRESSIVE CORP/OH/", "TOYOTA MOTOR CORP/", "X INC /DE".
        if let slash = s.utf8.firstIndex(of: UInt8(ascii: "/")), s.utf8.distance(from: slash, to: s.utf8.endIndex) <= 6 {
            s = trim(String(s[..<slash]), " \t")
        }
        guard isShouting(s) else { return s }
        var list = words(s)
        // "AMAZON COM INC" is Amazon.com.
        if let com = list.firstIndex(of: "COM"), com > 0, com + 1 < list.count, list[com + 1].hasPrefix("INC") {
            list[com - 1] += ".COM"
            list.remove(at: com)
        }
        return list.map { w -> String in
            // Keep short acronyms and capitalised forms (IBM, AT&T, SE, AG) as they are; "INC" is "Inc".
            let noVowel = !w.utf8.contains { "AEIOUY".utf8.contains($0) }  // HSBC, CVS: an acronym, not a word
            if (w.utf8.count <= 3 || w.utf8.contains(UInt8(ascii: "&")) || noVowel) && !titleCaseForms.contains(lowerASCII(trim(w, ",."))) {
                return w
            }
            return w.prefix(1) + lowerASCII(String(w.dropFirst()))
        }.joined(separator: " ")
    }

    /// Whether a name is written all in capitals ("AMAZON COM INC").
    static func isShouting(_ s: String) -> Bool {
        var letters = 0
        for b in s.utf8 {
            if ByteClass.isLower(b) { return false }
            if ByteClass.isUpper(b) { letters += 1 }
            if b >= 0x80 {
                let scalars = s.unicodeScalars.filter { $0.properties.isAlphabetic }
                return !scalars.isEmpty && scalars.allSatisfy { !$0.properties.isLowercase }
            }
        }
        return letters > 0
    }

    /// Lower case, fast for the ASCII names that are nearly all of them.
    static func lowerASCII(_ s: String) -> String {
        var bytes = Array(s.utf8)
        for i in bytes.indices {
            let b = bytes[i]
            if b >= 0x80 { return s.lowercased() }
            if ByteClass.isUpper(b) { bytes[i] = b | 0x20 }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func words(_ s: String) -> [String] {
        s.utf8.split(separator: 32).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Trims ASCII characters from both ends.
    static func trim(_ s: String, _ chars: StaticString) -> String {
        let set = UnsafeBufferPointer(start: chars.utf8Start, count: chars.utf8CodeUnitCount)
        let u = Array(s.utf8)
        var lo = 0
        var hi = u.count
        while lo < hi, set.contains(u[lo]) { lo += 1 }
        while hi > lo, set.contains(u[hi - 1]) { hi -= 1 }
        return lo == 0 && hi == u.count ? s : String(decoding: u[lo..<hi], as: UTF8.self)
    }

    static func find(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard needle.count <= hay.count else { return nil }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle { return i }
        return nil
    }
}
