/// The Snowball English ("Porter2") stemmer, step for step as PostgreSQL's `english_stem` dictionary runs it, so a
/// word stemmed here is the lexeme PostgreSQL's `websearch_to_tsquery('english', …)` looks for.
///
/// It works on bytes: lower-case ASCII letters, and one byte of `other` for each character that is not one (never a
/// vowel, never part of a suffix, so the regions and tests count it as one character, as Snowball does).
enum EnglishStemmer {
    /// Stands for a character other than an ASCII letter while stemming.
    static let other: UInt8 = 0xFF

    private static let y = UInt8(ascii: "y")
    private static let markedY = UInt8(ascii: "Y")  // a y that is a consonant (Snowball's "Y")

    /// Stems `w` in place.
    static func stem(_ w: inout [UInt8]) {
        if let exception = exception1(w) {
            w = exception
            return
        }
        guard w.count >= 3 else { return }
        let foundY = markConsonantY(&w)
        var s = State(p1: w.count, p2: w.count)
        s.markRegions(w)
        step1a(&w)
        if !isException2(w) {
            s.step1b(&w)
            step1c(&w)
            s.step2(&w)
            s.step3(&w)
            s.step4(&w)
            s.step5(&w)
        }
        if foundY {
            for i in w.indices where w[i] == markedY { w[i] = y }
        }
    }

    /// The regions, as indices: R1 starts at `p1`, R2 at `p2`.
    private struct State {
        var p1: Int
        var p2: Int

        /// R1 is after the first non-vowel that follows a vowel (or after gener, commun, arsen); R2 is the same
        /// again, counted from R1.
        mutating func markRegions(_ w: [UInt8]) {
            var i = 0
            if let prefix = EnglishStemmer.regionPrefixes.first(where: { w.starts(with: $0) }) {
                i = prefix.count
            } else {
                guard let after = EnglishStemmer.pastVowelThenNonVowel(w, from: 0) else { return }
                i = after
            }
            p1 = i
            if let after = EnglishStemmer.pastVowelThenNonVowel(w, from: i) { p2 = after }
        }

        /// -eed, -ed, -ing and their -ly forms.
        func step1b(_ w: inout [UInt8]) {
            guard let (suffix, _) = EnglishStemmer.longestSuffix(w, in: EnglishStemmer.step1bSuffixes) else { return }
            let start = w.count - suffix.count
            if suffix.starts(with: EnglishStemmer.eed) {
                if start >= p1 { w.replaceSubrange(start..., with: EnglishStemmer.ee) }
                return
            }
            guard w[..<start].contains(where: EnglishStemmer.isVowel) else { return }
            w.removeSubrange(start...)
            if EnglishStemmer.endsWithAny(w, EnglishStemmer.addE) {
                w.append(UInt8(ascii: "e"))
            } else if EnglishStemmer.endsWithAny(w, EnglishStemmer.doubles) {
                w.removeLast()
            } else if p1 == w.count, EnglishStemmer.endsShort(w, at: w.count) {
                w.append(UInt8(ascii: "e"))
            }
        }

        func step2(_ w: inout [UInt8]) {
            guard let (suffix, replacement) = EnglishStemmer.longestSuffix(w, in: EnglishStemmer.step2Suffixes) else { return }
            let start = w.count - suffix.count
            guard start >= p1 else { return }
            switch suffix {
            case EnglishStemmer.ogi:
                guard start > 0, w[start - 1] == UInt8(ascii: "l") else { return }
            case EnglishStemmer.li:
                guard start > 0, EnglishStemmer.validLIEnding.contains(w[start - 1]) else { return }
            default: break
            }
            w.replaceSubrange(start..., with: replacement)
        }

        func step3(_ w: inout [UInt8]) {
            guard let (suffix, replacement) = EnglishStemmer.longestSuffix(w, in: EnglishStemmer.step3Suffixes) else { return }
            let start = w.count - suffix.count
            guard start >= p1 else { return }
            if suffix == EnglishStemmer.ative, start < p2 { return }
            w.replaceSubrange(start..., with: replacement)
        }

        func step4(_ w: inout [UInt8]) {
            guard let (suffix, _) = EnglishStemmer.longestSuffix(w, in: EnglishStemmer.step4Suffixes) else { return }
            let start = w.count - suffix.count
            guard start >= p2 else { return }
            if suffix == EnglishStemmer.ion {
                guard start > 0, w[start - 1] == UInt8(ascii: "s") || w[start - 1] == UInt8(ascii: "t") else { return }
            }
            w.removeSubrange(start...)
        }

        /// A final e, or the second l of -ll.
        func step5(_ w: inout [UInt8]) {
            let start = w.count - 1
            switch w[start] {
            case UInt8(ascii: "e"):
                if start >= p2 || (start >= p1 && !EnglishStemmer.endsShort(w, at: start)) { w.removeLast() }
            case UInt8(ascii: "l"):
                if start >= p2, start > 0, w[start - 1] == UInt8(ascii: "l") { w.removeLast() }
            default: break
            }
        }
    }

    /// A y at the start, or after a vowel, is a consonant: marked `Y` until the end.
    private static func markConsonantY(_ w: inout [UInt8]) -> Bool {
        var found = false
        if w[0] == y {
            w[0] = markedY
            found = true
        }
        for i in 1..<w.count where w[i] == y && isVowel(w[i - 1]) {
            w[i] = markedY
            found = true
        }
        return found
    }

    /// Plurals and -ied.
    private static func step1a(_ w: inout [UInt8]) {
        if ends(w, "sses") {
            w.removeLast(2)
        } else if ends(w, "ied") || ends(w, "ies") {
            // "ties" to "tie", but "cries" to "cri".
            w.replaceSubrange((w.count - 3)..., with: w.count - 3 >= 2 ? i : ie)
        } else if ends(w, "us") || ends(w, "ss") {
            return
        } else if ends(w, "s") {
            // Dropped when a vowel comes before the letter before it: "gaps" to "gap", but "gas" stays.
            if w.count >= 2, w[..<(w.count - 2)].contains(where: isVowel) { w.removeLast() }
        }
    }

    /// A final y after a consonant (not the first letter) becomes i.
    private static func step1c(_ w: inout [UInt8]) {
        let n = w.count
        guard n >= 3, w[n - 1] == y || w[n - 1] == markedY, !isVowel(w[n - 2]) else { return }
        w[n - 1] = UInt8(ascii: "i")
    }

    /// Whether the letters before `end` are a short syllable: non-vowel, vowel, and a non-vowel other than w, x or
    /// Y; or, at the start of the word, vowel and non-vowel.
    private static func endsShort(_ w: [UInt8], at end: Int) -> Bool {
        if end >= 3, !isVowelWXY(w[end - 1]), isVowel(w[end - 2]), !isVowel(w[end - 3]) { return true }
        return end == 2 && !isVowel(w[1]) && isVowel(w[0])
    }

    /// The index after the first non-vowel that follows a vowel, searching from `start`.
    private static func pastVowelThenNonVowel(_ w: [UInt8], from start: Int) -> Int? {
        guard let vowel = w[start...].firstIndex(where: isVowel),
            let consonant = w[(vowel + 1)...].firstIndex(where: { !isVowel($0) })
        else { return nil }
        return consonant + 1
    }

    private static func isVowel(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"), y: true
        default: false
        }
    }

    private static func isVowelWXY(_ c: UInt8) -> Bool {
        isVowel(c) || c == UInt8(ascii: "w") || c == UInt8(ascii: "x") || c == markedY
    }

    private static func ends(_ w: [UInt8], _ suffix: StaticString) -> Bool {
        let n = suffix.utf8CodeUnitCount
        guard w.count >= n else { return false }
        return suffix.withUTF8Buffer { s in
            var i = 0
            while i < n {
                if w[w.count - n + i] != s[i] { return false }
                i += 1
            }
            return true
        }
    }

    private static func endsWithAny(_ w: [UInt8], _ suffixes: [[UInt8]]) -> Bool {
        suffixes.contains { w.count >= $0.count && w.suffix($0.count).elementsEqual($0) }
    }

    /// The longest of `table`'s suffixes that `w` ends with (each table is ordered longest first), and what replaces it.
    private static func longestSuffix(_ w: [UInt8], in table: [(suffix: [UInt8], replacement: [UInt8])]) -> ([UInt8], [UInt8])? {
        for entry in table where w.count >= entry.suffix.count && w.suffix(entry.suffix.count).elementsEqual(entry.suffix) {
            return (entry.suffix, entry.replacement)
        }
        return nil
    }

    /// Suffix, replacement pairs, longest suffix first.
    private static func table(_ pairs: [(String, String)]) -> [(suffix: [UInt8], replacement: [UInt8])] {
        pairs.map { (Array($0.0.utf8), Array($0.1.utf8)) }.sorted { $0.suffix.count > $1.suffix.count }
    }

    private static let eed = Array("eed".utf8)
    private static let ee = Array("ee".utf8)
    private static let ogi = Array("ogi".utf8)
    private static let li = Array("li".utf8)
    private static let ative = Array("ative".utf8)
    private static let ion = Array("ion".utf8)
    private static let i = Array("i".utf8)
    private static let ie = Array("ie".utf8)
    private static let regionPrefixes = ["gener", "commun", "arsen"].map { Array($0.utf8) }
    private static let addE = ["at", "bl", "iz"].map { Array($0.utf8) }
    private static let doubles = ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"].map { Array($0.utf8) }
    private static let validLIEnding = Set("cdeghkmnrt".utf8)

    private static let step1bSuffixes = table([("eedly", ""), ("ingly", ""), ("edly", ""), ("eed", ""), ("ing", ""), ("ed", "")])

    private static let step2Suffixes = table([
        ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("entli", "ent"), ("izer", "ize"),
        ("ization", "ize"), ("ational", "ate"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("aliti", "al"),
        ("alli", "al"), ("fulness", "ful"), ("ousli", "ous"), ("ousness", "ous"), ("iveness", "ive"), ("iviti", "ive"),
        ("biliti", "ble"), ("bli", "ble"), ("ogi", "og"), ("fulli", "ful"), ("lessli", "less"), ("li", ""),
    ])

    private static let step3Suffixes = table([
        ("tional", "tion"), ("ational", "ate"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"), ("ical", "ic"),
        ("ful", ""), ("ness", ""), ("ative", ""),
    ])

    private static let step4Suffixes = table(
        ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion"]
            .map { ($0, "") })

    /// Whole words with a stem of their own, or none.
    private static func exception1(_ w: [UInt8]) -> [UInt8]? {
        guard w.count <= 6, let word = String(validating: w, as: UTF8.self) else { return nil }
        return exceptions[word].map { Array($0.utf8) }
    }

    private static let exceptions: [String: String] = [
        "skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie", "idly": "idl", "gently": "gentl",
        "ugly": "ugli", "early": "earli", "only": "onli", "singly": "singl", "sky": "sky", "news": "news", "howe": "howe",
        "atlas": "atlas", "cosmos": "cosmos", "bias": "bias", "andes": "andes",
    ]

    /// Words left as they are after plurals are taken off.
    private static func isException2(_ w: [UInt8]) -> Bool {
        w.count <= 7 && exceptions2.contains(w)
    }

    private static let exceptions2: Set<[UInt8]> = Set(
        ["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"].map { Array($0.utf8) })
}
