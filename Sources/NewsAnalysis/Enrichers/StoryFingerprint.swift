/// A MinHash signature of an article's word 3-shingles, as four band keys and a sketch: two articles that share most
/// of their shingles very likely share a band key, and articles that do not almost never do; the sketch then says
/// how much they share.
///
/// One-permutation hashing: each shingle is hashed once; its top four bits pick one of 16 bins, and each bin keeps the
/// smallest hash it sees. Bins are grouped four to a band, and each band is hashed into a key. With a Jaccard
/// similarity J between two texts, the chance that at least one band matches is 1 − (1 − J⁴)⁴: 0.99 for a copy with a
/// few words edited (J ≈ 0.9), 0.23 at J = 0.5, 0.03 at J = 0.3 (two briefs from one template), and nil for unrelated
/// stories. The sketch keeps four bits of every bin, so that a band matched by chance can be told from a copy
/// (`StoryFingerprint.alike`).
struct StoryFingerprint {
    static let bins = 16
    static let bands = 4

    let bandKeys: [UInt64]
    /// Bin b's lowest four bits at bits 4b…4b+3 (0 for a text too short to shingle: not compared).
    let sketch: UInt64

    init(_ tokens: [TokenizedText.Token]) {
        guard tokens.count >= 3 else {
            // Too short to shingle: the words themselves, as one key.
            bandKeys = tokens.isEmpty ? [] : [tokens.reduce(0x5151) { Self.mix($0 ^ UInt64($1.hash)) }]
            sketch = 0
            return
        }
        var minimum = [UInt64](repeating: .max, count: Self.bins)
        for k in 0..<(tokens.count - 2) {
            let h = Self.mix(
                UInt64(tokens[k].hash) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(tokens[k + 1].hash) &* 0xC2B2_AE3D_27D4_EB4F
                    ^ UInt64(tokens[k + 2].hash))
            let bin = Int(h >> 60)
            let rest = h & 0x0FFF_FFFF_FFFF_FFFF
            if rest < minimum[bin] { minimum[bin] = rest }
        }
        var keys: [UInt64] = []
        keys.reserveCapacity(Self.bands)
        let perBand = Self.bins / Self.bands
        for band in 0..<Self.bands {
            var key = UInt64(band) &+ 0x2545_F491_4F6C_DD1D
            for b in (band * perBand)..<((band + 1) * perBand) { key = Self.mix(key ^ minimum[b]) }
            keys.append(key)
        }
        bandKeys = keys
        // Four bits of a bin's minimum (mixed: its low bits alone are not uniform) agree by chance one time in 16.
        sketch = minimum.enumerated().reduce(0) { s, bin in s | (Self.mix(bin.element) & 0xF) << (4 * UInt64(bin.offset)) }
    }

    /// Whether two texts that share a band key share enough else to be one story: 11 of the 16 bins agree. The four
    /// of the shared band always do; each of the other 12 agrees with chance J + (1 − J)/16, so this passes a copy
    /// (J ≈ 0.8: 99 %) and about half at J = 0.5, and stops all but 5 % of the chance matches at J = 0.3.
    static func alike(_ a: UInt64, _ b: UInt64) -> Bool {
        guard a != 0, b != 0 else { return true }
        let differing = a ^ b
        // A nibble differs when any of its bits does: fold each nibble's bits into its lowest.
        let folded = (differing | differing >> 1 | differing >> 2 | differing >> 3) & 0x1111_1111_1111_1111
        return bins - folded.nonzeroBitCount >= 11
    }

    /// SplitMix64's finaliser: spreads every input bit over the output.
    @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
