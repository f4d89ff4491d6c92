/// Rules compiled to flat programs, all in one array: what the index checks on a candidate once one of its keys hit.
///
/// A program is a rule in prefix order, strings replaced by vocabulary numbers; a group (`all`, `any`, `not`) carries
/// the length of its subtree so a check can skip it. Evaluating walks plain values in one buffer: no reference
/// counting, no string hashing. It mirrors `RuleEvaluator`, the readable definition, and tests hold them together.
struct RulePrograms: Sendable {
    enum Scope: UInt8, Sendable { case title, body, either }
    enum PrefixField: UInt8, Sendable { case source, channel, title, body, either }

    enum Op: Sendable {
        case all(size: Int32)
        case any(size: Int32)
        case not(size: Int32)
        case ticker(Int32)
        case event(Int32)
        case exchange(Int32)
        case source(Int32)
        case channel(Int32)
        case word(Scope, Int32)
        /// Words `start..<start+count` of `phraseWords`, in a row.
        case phrase(Scope, start: Int32, count: Int32)
        case prefix(PrefixField, Int32)
        /// Relevance of the tickers `start..<start+count` of `contexts` (count 0: of any ticker).
        case relevance(RuleComparison, Double, start: Int32, count: Int32)
        case sentiment(RuleComparison, Double)
        case novelty(RuleComparison, Double)

        var size: Int {
            switch self {
            case .all(let n), .any(let n), .not(let n): Int(n)
            default: 1
            }
        }
    }

    private(set) var ops: [Op] = []
    private var phraseWords: [Int32] = []
    private var contexts: [Int32] = []
    private var prefixes: [String] = []
    /// Ops of removed rules, left in place until `compacted`.
    private(set) var unused = 0

    /// Compiles the conjunction of `parts` (with `context` as the tickers a relevance test asks about) and returns
    /// where its program starts.
    mutating func compile(all parts: [RuleExpression], context: [String]?, _ vocabulary: inout RuleVocabulary) -> Int32 {
        let start = ops.count
        group({ .all(size: $0) }, parts, context, &vocabulary)
        return Int32(start)
    }

    mutating func release(_ start: Int32) {
        unused += ops[Int(start)].size
    }

    /// Copies one program from `other` (its phrases, contexts and prefixes too); returns where it starts here.
    mutating func copy(_ start: Int32, from other: RulePrograms) -> Int32 {
        let at = Int32(ops.count)
        for op in other.ops[Int(start)..<(Int(start) + other.ops[Int(start)].size)] {
            switch op {
            case .phrase(let scope, let s, let n):
                phraseWords += other.phraseWords[Int(s)..<Int(s + n)]
                ops.append(.phrase(scope, start: Int32(phraseWords.count) - n, count: n))
            case .relevance(let c, let t, let s, let n):
                contexts += other.contexts[Int(s)..<Int(s + n)]
                ops.append(.relevance(c, t, start: Int32(contexts.count) - n, count: n))
            case .prefix(let field, let p):
                ops.append(.prefix(field, interned(other.prefixes[Int(p)])))
            default:
                ops.append(op)
            }
        }
        return at
    }

    private mutating func group(_ kind: (Int32) -> Op, _ parts: [RuleExpression], _ context: [String]?, _ vocabulary: inout RuleVocabulary) {
        let at = ops.count
        ops.append(kind(0))
        for p in parts { emit(p, context, &vocabulary) }
        ops[at] = kind(Int32(ops.count - at))
    }

    private mutating func emit(_ e: RuleExpression, _ context: [String]?, _ vocabulary: inout RuleVocabulary) {
        switch e {
        case .all(let parts):
            let named = RuleEvaluator.namedTickers(parts)
            group({ .all(size: $0) }, parts, named.isEmpty ? context : named, &vocabulary)
        case .any(let parts):
            group({ .any(size: $0) }, parts, context, &vocabulary)
        case .not(let inner):
            group({ .not(size: $0) }, [inner], context, &vocabulary)
        case .watchlist:
            preconditionFailure("watchlists are resolved before compiling")
        case .compare(let field, let op, let threshold):
            switch field {
            case .relevance:
                let start = Int32(contexts.count)
                contexts += (context ?? []).map { vocabulary.intern($0) }
                ops.append(.relevance(op, threshold, start: start, count: Int32(contexts.count) - start))
            case .sentiment: ops.append(.sentiment(op, threshold))
            case .novelty: ops.append(.novelty(op, threshold))
            default: ops.append(.any(size: 1))  // never holds, as in the evaluator
            }
        case .match(let field, let value):
            switch field {
            case .ticker: ops.append(.ticker(vocabulary.intern(RuleEvaluator.text(value))))
            case .event: ops.append(.event(vocabulary.intern(RuleEvaluator.text(value))))
            case .exchange: ops.append(.exchange(vocabulary.intern(RuleEvaluator.text(value))))
            case .source: single(value, .source, { .source($0) }, &vocabulary)
            case .channel: single(value, .channel, { .channel($0) }, &vocabulary)
            case .title: words(value, .title, &vocabulary)
            case .body: words(value, .body, &vocabulary)
            default: ops.append(.any(size: 1))
            }
        case .text(let value):
            words(value, .either, &vocabulary)
        }
    }

    private mutating func single(_ v: RuleValue, _ field: PrefixField, _ op: (Int32) -> Op, _ vocabulary: inout RuleVocabulary) {
        if case .prefix(let p) = v { ops.append(.prefix(field, interned(p))) } else { ops.append(op(vocabulary.intern(RuleEvaluator.text(v)))) }
    }

    private mutating func words(_ v: RuleValue, _ scope: Scope, _ vocabulary: inout RuleVocabulary) {
        switch v {
        case .word(let w): ops.append(.word(scope, vocabulary.intern(w)))
        case .prefix(let p):
            let field: PrefixField = scope == .title ? .title : scope == .body ? .body : .either
            ops.append(.prefix(field, interned(p)))
        case .phrase(let p):
            let start = Int32(phraseWords.count)
            phraseWords += p.split(separator: " ").map { vocabulary.intern(String($0)) }
            ops.append(.phrase(scope, start: start, count: Int32(phraseWords.count) - start))
        }
    }

    private mutating func interned(_ prefix: String) -> Int32 {
        prefixes.append(prefix)
        return Int32(prefixes.count - 1)
    }

    // MARK: Checking

    /// Whether the program at `start` holds for the article.
    func holds(_ start: Int32, _ a: ArticleView) -> Bool {
        ops.withUnsafeBufferPointer { holds(Int(start), a, $0) }
    }

    /// The same, inside a `withOps` block (one buffer for many checks).
    func holds(_ i: Int, _ a: ArticleView, _ ops: UnsafeBufferPointer<Op>) -> Bool {
        switch ops[i] {
        case .all(let size):
            var j = i + 1
            while j < i + Int(size) {
                if !holds(j, a, ops) { return false }
                j += ops[j].size
            }
            return true
        case .any(let size):
            var j = i + 1
            while j < i + Int(size) {
                if holds(j, a, ops) { return true }
                j += ops[j].size
            }
            return false
        case .not: return !holds(i + 1, a, ops)
        case .ticker(let t): return a.tickers.contains { $0.id == t }
        case .event(let e): return a.events.contains(e)
        case .exchange(let x): return a.exchanges.contains(x)
        case .source(let s): return a.source == s
        case .channel(let c): return a.channels.contains(c)
        case .word(let scope, let w):
            switch scope {
            case .title: return a.titleSet.contains(w)
            case .body: return a.bodySet.contains(w)
            case .either: return a.titleSet.contains(w) || a.bodySet.contains(w)
            }
        case .phrase(let scope, let start, let count):
            let phrase = phraseWords[Int(start)..<Int(start + count)]
            switch scope {
            case .title: return Self.contains(a.titleWords, phrase)
            case .body: return Self.contains(a.bodyWords, phrase)
            case .either: return Self.contains(a.titleWords, phrase) || Self.contains(a.bodyWords, phrase)
            }
        case .prefix(let field, let p):
            let prefix = prefixes[Int(p)]
            let f = a.features
            switch field {
            case .source: return f.source.hasPrefix(prefix)
            case .channel: return f.channels.contains { $0.hasPrefix(prefix) }
            case .title: return f.titleSet.contains { $0.hasPrefix(prefix) }
            case .body: return f.bodySet.contains { $0.hasPrefix(prefix) }
            case .either: return f.titleSet.contains { $0.hasPrefix(prefix) } || f.bodySet.contains { $0.hasPrefix(prefix) }
            }
        case .relevance(let op, let threshold, let start, let count):
            if count == 0 { return a.relevances.contains { op.holds(Double($0), threshold) } }
            return contexts[Int(start)..<Int(start + count)].contains { t in a.relevance(of: t).map { op.holds(Double($0), threshold) } ?? false }
        case .sentiment(let op, let threshold): return op.holds(a.features.sentiment, threshold)
        case .novelty(let op, let threshold): return op.holds(Double(a.features.novelty), threshold)
        }
    }

    func withOps<R>(_ body: (UnsafeBufferPointer<Op>) -> R) -> R {
        ops.withUnsafeBufferPointer(body)
    }

    private static func contains(_ words: [Int32], _ phrase: ArraySlice<Int32>) -> Bool {
        guard let first = phrase.first, phrase.count <= words.count else { return false }
        for start in 0...(words.count - phrase.count) where words[start] == first {
            if words[start..<(start + phrase.count)].elementsEqual(phrase) { return true }
        }
        return false
    }
}
