/// A stable 128-bit hash of an article's content, as 32 hex digits: two FNV-1a-64 passes with different bases over
/// the title and body with whitespace runs collapsed, so a re-sent article with other line breaks is the same.
///
/// Stable across processes and machines (unlike `Hasher`): it is stored, and compared on the next arrival.
enum ContentHash {
    static func of(title: String, body: String) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x6c62_272e_07bb_0142
        var lastWasSpace = true
        func feed(_ byte: UInt8) {
            a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
            b = (b ^ UInt64(byte)) &* 0x100_0000_01b3 ^ (b >> 29)
        }
        for part in [title, body] {
            for byte in part.utf8 {
                let space = byte == 32 || byte == 10 || byte == 13 || byte == 9
                if space {
                    if !lastWasSpace { feed(32) }
                    lastWasSpace = true
                } else {
                    feed(byte)
                    lastWasSpace = false
                }
            }
            feed(0)
            lastWasSpace = true
        }
        return hex(a) + hex(b)
    }

    static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
