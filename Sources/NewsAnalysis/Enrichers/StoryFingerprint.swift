/// A 64-bit SimHash of an article's word 3-shingles: articles that share most of their text differ in few bits.
///
/// Each shingle's hash votes on every bit; the fingerprint keeps the majority. Long texts vote with a quarter of
/// their shingles (those whose hash ends in two zero bits), so the cost stays small and the same text always picks
/// the same shingles.
enum StoryFingerprint {
    static func simHash(_ tokens: [TokenizedText.Token]) -> UInt64 {
        guard !tokens.isEmpty else { return 0 }
        var votes = [Int32](repeating: 0, count: 64)
        let sample: UInt64 = tokens.count > 400 ? 3 : 0
        var voters = 0
        votes.withUnsafeMutableBufferPointer { v in
            for k in 0..<max(1, tokens.count - 2) {
                let a = UInt64(tokens[k].hash)
                let b = k + 1 < tokens.count ? UInt64(tokens[k + 1].hash) : 0
                let c = k + 2 < tokens.count ? UInt64(tokens[k + 2].hash) : 0
                let h = mix(a &* 0x9E37_79B9_7F4A_7C15 ^ b &* 0xC2B2_AE3D_27D4_EB4F ^ c)
                if h & sample != 0 { continue }
                voters += 1
                for bit in 0..<64 { v[bit] &+= Int32(truncatingIfNeeded: (h >> UInt64(bit)) & 1) }
            }
        }
        var out: UInt64 = 0
        for bit in 0..<64 where Int(votes[bit]) * 2 > voters { out |= 1 << UInt64(bit) }
        return out
    }

    /// SplitMix64's finaliser: spreads every input bit over the output.
    @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
