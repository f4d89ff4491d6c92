import NewsModel

/// The companies of one article (tagged instruments and unlisted organisations) and the sentences that name them, so
/// events and sentiment can be given to the companies they concern.
///
/// A sentence names a company through a tagged mention, an organisation span, or a distinctive word of its name used
/// alone ("Dahua" after "Zhejiang Dahua Technology Co Ltd"). A sentence that names none but says "the company",
/// "its shares" or the like refers back to the companies of the sentence before.
struct ArticleEntities {
    struct Entity {
        /// The instrument's index in the tagged list, or nil for an unlisted organisation.
        var instrument: Int?
        var name: String
        var primary: Bool
        /// Scalar ranges of its mentions.
        var spans: [Range<Int>]
        /// Distinctive words of its name, as bytes, matched case-sensitively against capitalised words.
        var keyWords: [[UInt8]]
    }

    let entities: [Entity]
    /// Per sentence of `TokenizedText`: the entities it names (directly, or by referring back).
    let perSentence: [[Int]]
    /// Per sentence: whether it names them directly rather than by referring back.
    let direct: [Bool]

    static let genericNameWords: Set<String> = [
        "Group", "Holding", "Holdings", "Company", "Corporation", "Incorporated", "Limited", "International", "Global",
        "Technology", "Technologies", "Communications", "Systems", "Mobile", "Bank", "Financial", "Industries", "Energy",
        "Capital", "Partners", "Trust", "Services", "Solutions", "Networks", "Entertainment", "Motors", "Airlines", "Health",
        "Healthcare", "Brands", "Resources", "Products", "Pharmaceuticals", "Therapeutics", "Sciences", "Software", "Media",
        "Semiconductor", "Electric", "Electronics", "Motor", "Auto", "Insurance", "Investment", "Investments", "Properties",
        "China", "Chinese", "America", "American", "United", "States", "National", "First", "General", "Hong", "Kong", "Japan",
        "India", "Europe", "European", "Asia", "Pacific", "North", "South", "East", "West", "New", "York", "Royal", "Standard",
        "The", "And", "Inc", "Corp", "Ltd", "Co", "PLC", "Plc", "LLC", "AG", "SA", "NV", "SE", "Com",
    ]

    init(
        instruments: [TaggedInstrument], organizations: [Organization], text: ArticleText, tokens: TokenizedText,
        lexicon: Lexicon
    ) {
        var entities: [Entity] = []
        for (k, t) in instruments.enumerated() {
            var names = [t.instrument.name]
            for m in t.mentions where m.how == .name || m.how == .alias || m.how == .nameAndTicker { names.append(m.text) }
            entities.append(
                Entity(instrument: k, name: t.instrument.name, primary: t.primary, spans: t.mentions.map { $0.start..<$0.end }, keyWords: []))
            entities[k].keyWords = Self.keyWords(names)
        }
        for o in organizations where !o.linked {
            entities.append(Entity(instrument: nil, name: o.name, primary: false, spans: [o.start..<o.end], keyWords: Self.keyWords([o.name])))
        }
        // A key word shared by two companies of the article points at neither.
        var owners: [[UInt8]: Int] = [:]
        for e in entities { for w in Set(e.keyWords) { owners[w, default: 0] += 1 } }
        for k in entities.indices { entities[k].keyWords.removeAll { owners[$0]! > 1 } }

        var perSentence: [[Int]] = []
        var direct: [Bool] = []
        perSentence.reserveCapacity(tokens.sentences.count)
        var previous: [Int] = []
        let b = text.bytes
        for s in tokens.sentences {
            let scalars = text.scalarOffset(s.range.lowerBound)..<text.scalarOffset(s.range.upperBound)
            var named: [Int] = []
            for (k, e) in entities.enumerated() {
                if e.spans.contains(where: { $0.overlaps(scalars) }) {
                    named.append(k)
                } else if !e.keyWords.isEmpty,
                    tokens.tokens[s.tokenRange].contains(where: { t in
                        t.flags.contains(.capitalized) && e.keyWords.contains { $0.elementsEqual(b[t.range]) }
                    })
                {
                    named.append(k)
                }
            }
            if !named.isEmpty {
                perSentence.append(named)
                direct.append(true)
                previous = named
            } else if tokens.tokens[s.tokenRange].contains(where: { lexicon.role($0.word).contains(.reference) }) {
                perSentence.append(previous)
                direct.append(false)
            } else {
                perSentence.append([])
                direct.append(false)
            }
        }
        self.entities = entities
        self.perSentence = perSentence
        self.direct = direct
    }

    /// Symbols of the instruments among `indices`, and names of the organisations.
    func describe(_ indices: [Int], instruments: [TaggedInstrument]) -> (symbols: [String], organizations: [String]) {
        var symbols: [String] = []
        var names: [String] = []
        for k in indices {
            if let i = entities[k].instrument {
                let t = instruments[i]
                let s = t.symbolAsPublished ?? t.instrument.symbol
                if !symbols.contains(s) { symbols.append(s) }
            } else if !names.contains(entities[k].name) {
                names.append(entities[k].name)
            }
        }
        return (symbols, names)
    }

    var primaries: [Int] { entities.indices.filter { entities[$0].primary } }

    /// Capitalised words of the names, minus legal forms, places and generic words.
    static func keyWords(_ names: [String]) -> [[UInt8]] {
        var out: [[UInt8]] = []
        for name in names {
            for w in name.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "." || $0 == "(" || $0 == ")" }) {
                guard w.count >= 4, let f = w.first, f.isUppercase, !genericNameWords.contains(String(w)) else { continue }
                // All-caps words are tickers or acronyms, found by the tagger already.
                if w.allSatisfy({ $0.isUppercase || $0.isNumber }) { continue }
                let bytes = Array(w.utf8)
                if !out.contains(bytes) { out.append(bytes) }
            }
        }
        return out
    }
}
