/// What a story index keeps of an article, so that another index (another node's, or this node's after a restart)
/// can take the article in without its text: the MinHash band keys and sketch, the fact keys, the companies' bits,
/// and the time the article was placed at. Stored with the article as a few dozen bytes.
public struct StoryPrint: Sendable, Hashable {
    public var keys: [UInt64]
    public var sketch: UInt64
    public var facts: [UInt64]
    public var companies: UInt64
    public var time: Double
    /// The index that placed the article (a random number per running index; 0 for none): an index skips its own.
    public var origin: UInt64

    public init(keys: [UInt64], sketch: UInt64, facts: [UInt64], companies: UInt64, time: Double, origin: UInt64 = 0) {
        self.keys = keys
        self.sketch = sketch
        self.facts = facts
        self.companies = companies
        self.time = time
        self.origin = origin
    }

    /// Version, key count, fact count, then little-endian 64-bit words: sketch, companies, time, origin, keys, facts.
    public var bytes: [UInt8] {
        var out: [UInt8] = [1, UInt8(min(keys.count, 255)), UInt8(min(facts.count, 255))]
        out.reserveCapacity(3 + 8 * (4 + keys.count + facts.count))
        func word(_ w: UInt64) { withUnsafeBytes(of: w.littleEndian) { out += $0 } }
        word(sketch)
        word(companies)
        word(time.bitPattern)
        word(origin)
        for k in keys.prefix(255) { word(k) }
        for f in facts.prefix(255) { word(f) }
        return out
    }

    /// Reads `bytes`; nil when they are not a print of this version.
    public init?(bytes: [UInt8]) {
        guard bytes.count >= 3, bytes[0] == 1 else { return nil }
        let keyCount = Int(bytes[1])
        let factCount = Int(bytes[2])
        guard bytes.count == 3 + 8 * (4 + keyCount + factCount) else { return nil }
        func word(_ k: Int) -> UInt64 {
            var w: UInt64 = 0
            for b in 0..<8 { w |= UInt64(bytes[3 + 8 * k + b]) << (8 * b) }
            return w
        }
        self.init(
            keys: (0..<keyCount).map { word(4 + $0) }, sketch: word(0), facts: (0..<factCount).map { word(4 + keyCount + $0) },
            companies: word(1), time: Double(bitPattern: word(2)), origin: word(3))
    }
}
