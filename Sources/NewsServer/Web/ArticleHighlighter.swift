/// An article's text as HTML with what analysis found marked: event evidence (the outer layer), then instrument
/// mentions and amounts inside it, each with a note saying how it was found (shown on hover and to screen readers).
///
/// Marks may overlap or nest; the text is cut at every mark's ends, and each piece is wrapped in the marks that
/// cover it, so the HTML is always well formed.
struct ArticleHighlighter {
    enum Kind: Int, Comparable {
        case evidence, mention, amount
        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    struct Mark {
        /// Unicode scalar offsets into the text, as analysis gives them.
        var start: Int
        var end: Int
        var kind: Kind
        var note: String
        /// A mention's symbol (for `data-symbol`).
        var symbol: String? = nil
    }

    let scalars: [Unicode.Scalar]
    let marks: [Mark]

    init(text: String, marks: [Mark]) {
        scalars = Array(text.unicodeScalars)
        self.marks = marks.filter { $0.start < $0.end }.sorted { ($0.kind, $0.start) < ($1.kind, $1.start) }
    }

    /// The HTML of the scalars in `range` (clamped to the text).
    func html(_ range: Range<Int>) -> String {
        let lower = max(0, range.lowerBound)
        let upper = min(scalars.count, range.upperBound)
        guard lower < upper else { return "" }
        var cuts = Set([lower, upper])
        for m in marks {
            if m.start > lower && m.start < upper { cuts.insert(m.start) }
            if m.end > lower && m.end < upper { cuts.insert(m.end) }
        }
        let sorted = cuts.sorted()
        var out = ""
        for (a, b) in zip(sorted, sorted.dropFirst()) {
            let covering = marks.filter { $0.start <= a && $0.end >= b }
            for m in covering { out += open(m) }
            var piece = String.UnicodeScalarView()
            piece.append(contentsOf: scalars[a..<b])
            out += HTML.escape(String(piece))
            for m in covering.reversed() { out += m.kind == .evidence ? "</span>" : "</mark>" }
        }
        return out
    }

    private func open(_ m: Mark) -> String {
        let note = HTML.escape(m.note)
        switch m.kind {
        case .evidence: return "<span class=\"evidence\" title=\"\(note)\">"
        case .mention:
            return "<mark class=\"mention\" data-symbol=\"\(HTML.escape(m.symbol ?? ""))\" title=\"\(note)\" tabindex=\"0\">"
        case .amount: return "<mark class=\"amount\" title=\"\(note)\" tabindex=\"0\">"
        }
    }
}
