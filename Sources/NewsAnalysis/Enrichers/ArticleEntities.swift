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
        /// Their case-folded hashes as `TokenizedText` computes them, to compare before the bytes.
        var keyHashes: [UInt32] = []
    }

    let entities: [Entity]
    /// Per sentence of `TokenizedText`: the entities it names (directly, or by referring back).
    let perSentence: [[Int]]

    static let genericNameWords = WordTable([
        "Group", "Holding", "Holdings", "Company", "Corporation", "Incorporated", "Limited", "International", "Global",
        "Technology", "Technologies", "Communications", "Systems", "Mobile", "Bank", "Financial", "Industries", "Energy",
        "Capital", "Partners", "Trust", "Services", "Solutions", "Networks", "Entertainment", "Motors", "Airlines", "Health",
        "Healthcare", "Brands", "Resources", "Products", "Pharmaceuticals", "Therapeutics", "Sciences", "Software", "Media",
        "Semiconductor", "Electric", "Electronics", "Motor", "Auto", "Insurance", "Investment", "Investments", "Properties",
        "China", "Chinese", "America", "American", "United", "States", "National", "First", "General", "Hong", "Kong", "Japan",
        "India", "Europe", "European", "Asia", "Pacific", "North", "South", "East", "West", "New", "York", "Royal", "Standard",
        "The", "And", "Inc", "Corp", "Ltd", "Co", "PLC", "Plc", "LLC", "AG", "SA", "NV", "SE", "Com",
    ])

    init(
        instruments: [TaggedInstrument], organizations: [Organization], text: ArticleText, tokens: TokenizedText,
        lexicon: Lexicon
    ) {
        var entities: [Entity] = []
        entities.reserveCapacity(instruments.count + organizations.count)
        for (k, t) in instruments.enumerated() {
            var keyWords = Self.keyWords(t.instrument.name)
            var seenTexts: [String] = []  // a company is mostly named the same way each time: each wording once
            for m in t.mentions where m.how == .name || m.how == .alias || m.how == .nameAndTicker {
                guard !seenTexts.contains(m.text) else { continue }
                seenTexts.append(m.text)
                for w in Self.keyWords(m.text) where !keyWords.contains(w) { keyWords.append(w) }
            }
            entities.append(
                Entity(instrument: k, name: t.instrument.name, primary: t.primary, spans: t.mentions.map { $0.start..<$0.end }, keyWords: keyWords))
        }
        for o in organizations where !o.linked {
            entities.append(Entity(instrument: nil, name: o.name, primary: false, spans: [o.start..<o.end], keyWords: Self.keyWords(o.name)))
        }
        // A key word shared by two companies of the article points at neither.
        let allKeyWords = entities.map(\.keyWords)
        for k in entities.indices {
            entities[k].keyWords.removeAll { w in allKeyWords.indices.contains { $0 != k && allKeyWords[$0].contains(w) } }
        }
        for k in entities.indices { entities[k].keyHashes = entities[k].keyWords.map { WordTable.hash($0) } }

        // Each mention marks its sentence (found by binary search over the sentences, which are in order).
        let sentences = tokens.sentences
        var named = [[Int]](repeating: [], count: sentences.count)
        for (e, entity) in entities.enumerated() {
            for span in entity.spans {
                if let k = tokens.sentenceIndex(containingByte: text.byteOffset(ofScalar: span.lowerBound)), !named[k].contains(e) {
                    named[k].append(e)
                }
            }
        }
        // Sentences naming a company by a key word alone: one pass over the capitalised words, each compared by hash
        // with every key word in one flat list (an entity's first key word with the hash is the one compared).
        var keys: [(hash: UInt32, entity: Int, word: Int)] = []
        for (e, entity) in entities.enumerated() {
            for (w, h) in entity.keyHashes.enumerated() where !entity.keyHashes[..<w].contains(h) { keys.append((h, e, w)) }
        }
        let b = text.bytes
        if !keys.isEmpty {
            for (k, s) in sentences.enumerated() {
                for t in tokens.tokens[s.tokenRange] where t.flags.contains(.capitalized) {
                    for key in keys where key.hash == t.hash && !named[k].contains(key.entity) {
                        if entities[key.entity].keyWords[key.word].elementsEqual(b[t.range]) { named[k].append(key.entity) }
                    }
                }
            }
        }
        var perSentence: [[Int]] = []
        perSentence.reserveCapacity(sentences.count)
        var previous: [Int] = []
        for (k, s) in sentences.enumerated() {
            if !named[k].isEmpty {
                named[k].sort()
                perSentence.append(named[k])
                previous = named[k]
            } else if !previous.isEmpty, tokens.tokens[s.tokenRange].contains(where: { lexicon.role($0.word).contains(.reference) }) {
                perSentence.append(previous)
            } else {
                perSentence.append([])
            }
        }
        self.entities = entities
        self.perSentence = perSentence
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

    /// Capitalised words of the names, minus legal forms, places, generic words and all-caps words (tickers and
    /// acronyms the tagger has found already).
    static func keyWords(_ name: String) -> [[UInt8]] {
        var out: [[UInt8]] = []
        let b = Array(name.utf8)
        var i = 0
        while i < b.count {
            guard ByteClass.isLetter(b[i]) else {
                i += 1
                continue
            }
            let start = i
            var lower = 0
            while i < b.count, ByteClass.isLetter(b[i]) {
                if ByteClass.isLower(b[i]) { lower += 1 }
                i += 1
            }
            guard i - start >= 4, ByteClass.isUpper(b[start]), lower > 0 else { continue }
            let generic = b.withUnsafeBufferPointer { genericNameWords.lookup(WordTable.hash(b[start..<i]), $0, start..<i) >= 0 }
            let w = Array(b[start..<i])
            if !generic && !out.contains(w) { out.append(w) }
        }
        return out
    }
}
