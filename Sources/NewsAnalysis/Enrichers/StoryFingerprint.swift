/// A MinHash signature of an article's word 3-shingles, as four band keys: two articles that share most of their
/// shingles very likely share a band key, and articles that do not almost never do.
///
/// One-permutation hashing: each shingle is hashed once; its top four bits pick one of 16 bins, and each bin keeps the
/// smallest hash it sees. Bins are grouped four to a band, and each band is hashed into a key. With a Jaccard
/// similarity J between two texts, the chance that at least one band matches is 1 − (1 − J⁴)⁴: 0.99 for a copy with a
/// few words edited (J ≈ 0.9), 0.23 at J = 0.5, and nil for unrelated stories.
enum StoryFingerprint {
    static let bins = 16
    static let bands = 4

    static func bandKeys(_ tokens: [TokenizedText.Token]) -> [UInt64] {
        guard tokens.count >= 3 else {
            // Too short to shingle: the words themselves, as one key.
            return tokens.isEmpty ? [] : [tokens.reduce(0x5151) { mix($0 ^ UInt64($1.hash)) }]
        }
        var minimum = [UInt64](repeating: .max, count: bins)
        for k in 0..<(tokens.count - 2) {
            let h = mix(
                UInt64(tokens[k].hash) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(tokens[k + 1].hash) &* 0xC2B2_AE3D_27D4_EB4F
                    ^ UInt64(tokens[k + 2].hash))
            let bin = Int(h >> 60)
            let rest = h & 0x0FFF_FFFF_FFFF_FFFF
            if rest < minimum[bin] { minimum[bin] = rest }
        }
        var keys: [UInt64] = []
        keys.reserveCapacity(bands)
        let perBand = bins / bands
        for band in 0..<bands {
            var key = UInt64(band) &+ 0x2545_F491_4F6C_DD1D
            for b in (band * perBand)..<((band + 1) * perBand) { key = mix(key ^ minimum[b]) }
            keys.append(key)
        }
        return keys
    }

    /// SplitMix64's finaliser: spreads every input bit over the output.
    @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
