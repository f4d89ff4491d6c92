/// Cuts a provider's trailing footer ("Comments", "Loading...", "Posted In:", "Join Now", "brought to you by …")
/// off an article body, so boilerplate never becomes a tag.
public enum FooterStripper {
    /// Lines that start a footer (compared in lower case, as prefixes).
    static let footerStarts = [
        "comments", "loading...", "loading…", "posted in:", "join now", "market news and data brought to you by",
        "benzinga simplifies the market", "trade confidently with insights", "share this article", "share on facebook",
        "share on twitter", "follow us on", "related articles", "related stories", "read more:", "see also:",
        "subscribe to", "sign up for", "copyright ©", "© ", "all rights reserved", "click here to", "see more from benzinga",
        "don't miss real time alerts", "this article was originally published", "photo:", "image source:", "disclaimer:",
    ]
    /// Phrases that mark a boilerplate line wherever they appear in it.
    static let footerPhrases = ["brought to you by", "all rights reserved", "benzinga simplifies the market", "never miss a trade"]

    static let footerStartBytes = footerStarts.map { Array($0.utf8) }
    static let footerPhraseBytes = footerPhrases.map { Array($0.utf8) }

    /// Whether a line is provider furniture ("Comments", "Posted In:", "… brought to you by …").
    public static func isFooterLine<S: StringProtocol>(_ line: S) -> Bool {
        isFooterLine(bytes: Array(line.trimmingWhitespace().utf8)[...])
    }

    /// The byte form, for a trimmed line: only short lines are compared, in lower case.
    static func isFooterLine(bytes line: ArraySlice<UInt8>) -> Bool {
        guard !line.isEmpty, line.count < 400 else { return false }
        let lower = line.map { ByteClass.isUpper($0) ? $0 | 0x20 : $0 }
        if footerStartBytes.contains(where: { lower.starts(with: $0) }) { return true }
        return lower.count < 200 && footerPhraseBytes.contains { ByteClass.containsLowercased(lower, 0..<lower.count, $0) }
    }

    /// The body without its footer: the trailing run of footer lines (with the odd short line among them, such as a
    /// channel name under "Posted In:") is cut; the story above it is kept whole. Walks lines back from the end on bytes.
    public static func strip(_ body: String) -> String {
        let b = Array(body.utf8)
        let keep = storyEnd(b)
        return keep == b.count ? body : String(decoding: b[..<keep], as: UTF8.self)
    }

    /// Where the story ends in `b`: the footer and the blank space before it are past this offset.
    static func storyEnd(_ b: [UInt8]) -> Int {
        var cut = b.count  // byte offset where the footer starts
        var shortRun = 0
        var end = b.count
        var linesSeen = 0
        while end > 0, linesSeen < 60 {  // a footer is never longer than this
            var start = end
            while start > 0, b[start - 1] != 10 { start -= 1 }
            if start == 0 { break }  // the first line is never footer
            linesSeen += 1
            var s = start
            var e = end
            while s < e, b[s] == 32 || b[s] == 9 || b[s] == 13 { s += 1 }
            while e > s, b[e - 1] == 32 || b[e - 1] == 9 || b[e - 1] == 13 { e -= 1 }
            if s == e {
            } else if e - s < 400, isFooterLine(bytes: b[s..<e]) {
                cut = start
                shortRun = 0
            } else if e - s < 40, shortRun < 2 {
                shortRun += 1
            } else {
                break
            }
            end = start - 1
        }
        guard cut < b.count else { return b.count }
        var keep = cut
        while keep > 0, b[keep - 1] == 10 || b[keep - 1] == 32 || b[keep - 1] == 13 || b[keep - 1] == 9 { keep -= 1 }
        return keep
    }
}
