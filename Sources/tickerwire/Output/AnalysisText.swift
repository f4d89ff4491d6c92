import NewsAnalysis
import NewsModel

/// A readable view of an analysed article, for people at a terminal.
enum AnalysisText {
    static func render(_ a: AnalyzedArticle) -> String {
        var out = "── \(a.article.title)\n"
        if let id = a.article.id { out += "   id \(id)" }
        if let p = a.article.published { out += "   published \(DateParsing.isoString(p))" }
        if a.article.id != nil || a.article.published != nil { out += "\n" }
        if a.instruments.isEmpty { out += "   no listed companies found\n" }
        for t in a.instruments {
            let symbol = t.symbolAsPublished ?? t.instrument.symbol
            let marker = t.primary ? "★" : " "
            let hows = Set(t.mentions.map(\.how.rawValue)).sorted().joined(separator: ", ")
            out +=
                "   \(marker) \(symbol.padding(toLength: 10, withPad: " ", startingAt: 0)) \(t.instrument.exchange.padding(toLength: 8, withPad: " ", startingAt: 0)) "
            out += "relevance \(t.relevance)  \(t.instrument.name)  (\(t.mentions.count)× via \(hows))\n"
        }
        if !a.organizations.isEmpty {
            out +=
                "   organizations: " + a.organizations.map { $0.name + ($0.symbol.map { " [\($0)]" } ?? " [not listed]") }.joined(separator: "; ")
                + "\n"
        }
        if !a.amounts.isEmpty {
            out += "   amounts: " + a.amounts.map { "\($0.text) [\($0.kind.rawValue)]" }.joined(separator: ", ") + "\n"
        }
        if !a.dates.isEmpty {
            out += "   dates: " + a.dates.map { "\($0.text) → \($0.date ?? "?")" }.joined(separator: ", ") + "\n"
        }
        return out
    }
}
