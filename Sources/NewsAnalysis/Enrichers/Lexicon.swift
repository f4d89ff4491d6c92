/// Every word the insight enrichers read, in one `WordTable`, with what each word means to sentiment and which event
/// cues start with it. Built once; an article's words are then looked up once, in `TokenizedText`.
public struct Lexicon: Sendable {
    public struct Role: OptionSet, Sendable, Hashable {
        public let rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }
        public static let up = Role(rawValue: 1)
        public static let down = Role(rawValue: 2)
        public static let goodMetric = Role(rawValue: 4)
        public static let badMetric = Role(rawValue: 8)
        public static let negator = Role(rawValue: 16)
        public static let intensifier = Role(rawValue: 32)
        public static let diminisher = Role(rawValue: 64)
        public static let contrast = Role(rawValue: 128)
        public static let reference = Role(rawValue: 256)
        /// "firm", "company", "maker": a noun that stands for a company.
        public static let companyNoun = Role(rawValue: 512)
        /// Words for a price going up or down ("higher", "fell"), as `PriceActionExtractor` reads them.
        public static let priceUp = Role(rawValue: 1024)
        public static let priceDown = Role(rawValue: 2048)
        /// The first word of some event cue.
        public static let cueStart = Role(rawValue: 4096)
    }

    public let words: WordTable
    /// Per word id: its weight as good or bad news on its own.
    let polarity: [Float]
    let roles: [Role]
    /// Per word id: the event cues whose first step accepts it, as `cueStartList[cueStartOffsets[id]..<cueStartOffsets[id + 1]]`.
    let cueStartOffsets: [Int32]
    let cueStartList: [Int32]
    let cues: [CompiledCue]

    /// Ids of "up", "to" and "from", for the "up to" rule and "to B from A".
    let upWord: Int32
    let toWord: Int32
    let fromWord: Int32

    public static let shared = Lexicon(cues: EventCue.all)

    init(cues source: [EventCue]) {
        typealias L = SentimentLexicon
        var all: [String] = ["up", "to", "from"] + L.polar.map(\.0)
        let roleLists: [([String], Role)] = [
            (L.up, .up), (L.down, .down), (L.goodMetrics, .goodMetric), (L.badMetrics, .badMetric), (L.negators, .negator),
            (L.intensifiers, .intensifier), (L.diminishers, .diminisher), (L.contrasts, .contrast), (L.references, .reference),
            (L.companyNouns, .companyNoun), (Array(PriceActionExtractor.upWords), .priceUp),
            (Array(PriceActionExtractor.downWords), .priceDown),
        ]
        for (list, _) in roleLists { all += list }
        let patterns = source.map(\.steps)
        for steps in patterns { for case .words(let ws) in steps { all += ws } }
        for cue in source { all += cue.unless }
        let table = WordTable(all)
        var polarity = [Float](repeating: 0, count: table.count)
        var roles = [Role](repeating: [], count: table.count)
        var polarSeen = Set<Int32>()
        for (w, p) in L.polar {
            let id = table.id(of: w)!
            if polarSeen.insert(id).inserted { polarity[Int(id)] = p }
        }
        for (list, role) in roleLists { for w in list { roles[Int(table.id(of: w)!)].insert(role) } }
        var starts = [[Int32]](repeating: [], count: table.count)
        var compiled: [CompiledCue] = []
        for (k, cue) in source.enumerated() {
            let steps: [CompiledCue.Step] = cue.steps.map {
                switch $0 {
                case .words(let ws): return .words(Array(Set(ws.map { table.id(of: $0)! })))
                case .gap(let n): return .gap(n)
                }
            }
            compiled.append(
                CompiledCue(type: cue.type, steps: steps, unless: cue.unless.compactMap { table.id(of: $0) }, attribute: cue.attribute))
            if case .words(let first) = steps.first { for id in first { starts[Int(id)].append(Int32(k)) } }
        }
        self.upWord = table.id(of: "up")!
        self.toWord = table.id(of: "to")!
        self.fromWord = table.id(of: "from")!
        self.words = table
        self.polarity = polarity
        var offsets: [Int32] = [0]
        var list: [Int32] = []
        for k in starts.indices {
            list += starts[k]
            offsets.append(Int32(list.count))
            if !starts[k].isEmpty { roles[k].insert(.cueStart) }
        }
        self.cueStartOffsets = offsets
        self.cueStartList = list
        self.roles = roles
        self.cues = compiled
    }

    @inline(__always) func role(_ word: Int32) -> Role { word < 0 ? [] : roles[Int(word)] }
    @inline(__always) func polarity(_ word: Int32) -> Float { word < 0 ? 0 : polarity[Int(word)] }
}
