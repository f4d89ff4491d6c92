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

    public static func isFooterLine<S: StringProtocol>(_ line: S) -> Bool {
        let l = line.lowercased().trimmingWhitespace()
        if l.isEmpty { return false }
        if footerStarts.contains(where: { l.hasPrefix($0) }) { return true }
        return l.count < 200 && footerPhrases.contains(where: { l.contains($0) })
    }

    /// The body without its footer: the trailing run of footer lines (with the odd short line among them, such as a
    /// channel name under "Posted In:") is cut; the story above it is kept whole.
    public static func strip(_ body: String) -> String {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        var cut = lines.count
        var shortRun = 0
        var i = lines.count - 1
        while i > 0 {
            let trimmed = lines[i].trimmingWhitespace()
            if trimmed.isEmpty {
            } else if isFooterLine(trimmed) {
                cut = i
                shortRun = 0
            } else if trimmed.count < 40, shortRun < 2 {
                shortRun += 1
            } else {
                break
            }
            i -= 1
        }
        guard cut < lines.count else { return body }
        var kept = lines[..<cut]
        while let last = kept.last, last.trimmingWhitespace().isEmpty { kept = kept.dropLast() }
        return kept.joined(separator: "\n")
    }
}
