import NewsModel

/// Parses the rule language of CONTRACTS.md §6 (Lucene/KQL-like) into a `RuleExpression`, or says where and why it
/// cannot: `ticker:BABA event:sanction`, `ticker:@core relevance>=75`, `"share buyback" -ticker:(GME OR AMC)`.
public struct RuleParser {
    private let tokens: [RuleLexer.Token]
    private var i = 0

    public static let maxLength = 4096
    static let eventTypes = Set(Event.Kind.allCases.map(\.rawValue))

    public static func parse(_ text: String) throws(RuleSyntaxError) -> RuleExpression {
        guard text.count <= maxLength else { throw RuleSyntaxError(position: maxLength, message: "a rule is at most \(maxLength) characters") }
        var parser = RuleParser(tokens: try RuleLexer.tokens(text))
        guard parser.peek.kind != .end else { throw RuleSyntaxError(position: 0, message: "the rule is empty") }
        let expression = try parser.orExpression()
        guard parser.peek.kind == .end else {
            throw RuleSyntaxError(
                position: parser.peek.position,
                message: parser.peek.kind == .close ? "this ) closes nothing" : "unexpected \(parser.describe(parser.peek))")
        }
        return expression
    }

    private init(tokens: [RuleLexer.Token]) {
        self.tokens = tokens
    }

    private var peek: RuleLexer.Token { tokens[i] }

    private mutating func advance() -> RuleLexer.Token {
        defer { i = min(i + 1, tokens.count - 1) }
        return tokens[i]
    }

    private func isKeyword(_ word: String) -> Bool {
        if case .word(let w) = peek.kind { return w == word }
        return false
    }

    private mutating func orExpression() throws(RuleSyntaxError) -> RuleExpression {
        var parts = [try andExpression()]
        while isKeyword("OR") {
            let or = advance()
            guard startsOperand else { throw RuleSyntaxError(position: or.position, message: "OR needs something after it") }
            parts.append(try andExpression())
        }
        return parts.count == 1 ? parts[0] : .any(parts)
    }

    private var startsOperand: Bool {
        switch peek.kind {
        case .end, .close, .colon, .comparison: false
        case .word(let w): w != "OR" && w != "AND"
        default: true
        }
    }

    private mutating func andExpression() throws(RuleSyntaxError) -> RuleExpression {
        var parts = [try unary()]
        while true {
            if isKeyword("AND") {
                let and = advance()
                guard startsOperand else { throw RuleSyntaxError(position: and.position, message: "AND needs something after it") }
            } else if !startsOperand {
                break
            }
            parts.append(try unary())
        }
        return parts.count == 1 ? parts[0] : .all(parts)
    }

    private mutating func unary() throws(RuleSyntaxError) -> RuleExpression {
        if isKeyword("NOT") || peek.kind == .minus {
            let negation = advance()
            guard startsOperand else { throw RuleSyntaxError(position: negation.position, message: "a negation needs something after it") }
            return .not(try unary())
        }
        return try primary()
    }

    private mutating func primary() throws(RuleSyntaxError) -> RuleExpression {
        let token = advance()
        switch token.kind {
        case .open:
            let inner = try orExpression()
            guard peek.kind == .close else { throw RuleSyntaxError(position: token.position, message: "this ( is never closed") }
            _ = advance()
            return inner
        case .phrase(let p):
            return .text(try phrase(p, asWords: true, at: token.position))
        case .word(let w):
            switch peek.kind {
            case .colon:
                let field = try self.field(w, at: token.position)
                _ = advance()
                return try fieldValue(field, at: token.position)
            case .comparison(let op):
                let field = try self.field(w, at: token.position)
                let opToken = advance()
                return try comparison(field, op, at: opToken.position)
            default:
                return .text(try value(w, at: token.position))
            }
        default:
            throw RuleSyntaxError(position: token.position, message: "expected a word, a phrase, a field or (, found \(describe(token))")
        }
    }

    private func field(_ name: String, at position: Int) throws(RuleSyntaxError) -> RuleField {
        guard let field = RuleField(rawValue: name.lowercased()) else {
            throw RuleSyntaxError(
                position: position, message: "unknown field \"\(name)\"; the fields are \(RuleField.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        return field
    }

    private mutating func fieldValue(_ field: RuleField, at position: Int) throws(RuleSyntaxError) -> RuleExpression {
        if field.isNumeric {
            throw RuleSyntaxError(
                position: position,
                message: "\(field.rawValue) is a number: compare it, as in \(field.rawValue)>=\(field == .sentiment ? "0.5" : "75")")
        }
        let token = advance()
        switch token.kind {
        case .at:
            let name = advance()
            guard case .word(let w) = name.kind else { throw RuleSyntaxError(position: name.position, message: "@ needs a watchlist name") }
            guard field == .ticker else { throw RuleSyntaxError(position: token.position, message: "only ticker takes a watchlist (ticker:@name)") }
            return .watchlist(field, w)
        case .open:
            var values = [try single(field, advance())]
            while isKeyword("OR") {
                _ = advance()
                values.append(try single(field, advance()))
            }
            guard peek.kind == .close else { throw RuleSyntaxError(position: peek.position, message: "expected OR or ) in the list of values") }
            _ = advance()
            return values.count == 1 ? values[0] : .any(values)
        default:
            return try single(field, token)
        }
    }

    /// One value of a field: a word, a prefix or a phrase, checked against what the field takes.
    private func single(_ field: RuleField, _ token: RuleLexer.Token) throws(RuleSyntaxError) -> RuleExpression {
        let value: RuleValue
        switch token.kind {
        case .word(let w) where w != "OR" && w != "AND" && w != "NOT": value = try self.value(w, at: token.position)
        case .phrase(let p):
            value =
                field == .ticker || field == .exchange ? .phrase(p) : try phrase(p, asWords: field == .title || field == .body, at: token.position)
        default: throw RuleSyntaxError(position: token.position, message: "\(field.rawValue): needs a value, found \(describe(token))")
        }
        switch (field, value) {
        case (.ticker, .word(let w)):
            return .match(.ticker, .word(w.uppercased()))
        case (.ticker, .phrase(let p)) where !p.contains(" "):
            // A symbol that reads as an operator is quoted: ticker:"OR".
            return .match(.ticker, .word(p.uppercased()))
        case (.ticker, _), (.exchange, .phrase):
            throw RuleSyntaxError(position: token.position, message: "\(field.rawValue) takes a symbol, not \(value)")
        case (.event, .word(let w)):
            guard Self.eventTypes.contains(w.lowercased()) else {
                throw RuleSyntaxError(
                    position: token.position,
                    message: "unknown event type \"\(w)\"; the types are \(Self.eventTypes.sorted().joined(separator: ", "))")
            }
            return .match(.event, .word(w.lowercased()))
        case (.event, _):
            throw RuleSyntaxError(position: token.position, message: "event takes an event type, not \(value)")
        case (.exchange, .word(let w)):
            return .match(.exchange, .word(w.uppercased()))
        default:
            return .match(field, value)
        }
    }

    /// A quoted value as articles are read: for title, body and bare text, its lowercased words joined by single
    /// spaces (punctuation separates words, as in `ArticleFeatures.words`); for other fields, lowercased.
    private func phrase(_ p: String, asWords: Bool, at position: Int) throws(RuleSyntaxError) -> RuleValue {
        guard asWords else { return .phrase(p.lowercased()) }
        let words = ArticleFeatures.words(p)
        guard !words.isEmpty else { throw RuleSyntaxError(position: position, message: "a phrase needs at least one word") }
        return .phrase(words.joined(separator: " "))
    }

    private func value(_ word: String, at position: Int) throws(RuleSyntaxError) -> RuleValue {
        if word.hasSuffix("*") {
            let stem = String(word.dropLast())
            guard !stem.isEmpty, !stem.contains("*") else {
                throw RuleSyntaxError(position: position, message: "a wildcard needs letters before it, as in buyb*")
            }
            guard stem.count >= 2 else { throw RuleSyntaxError(position: position, message: "a prefix needs at least two letters") }
            return .prefix(stem.lowercased())
        }
        guard !word.contains("*") else { throw RuleSyntaxError(position: position, message: "a wildcard goes only at the end of a word") }
        return .word(word.lowercased())
    }

    private mutating func comparison(_ field: RuleField, _ op: RuleComparison, at position: Int) throws(RuleSyntaxError) -> RuleExpression {
        guard let range = field.range else {
            throw RuleSyntaxError(position: position, message: "\(field.rawValue) is not a number; write \(field.rawValue):value")
        }
        let token = advance()
        guard case .word(let w) = token.kind, let number = Double(w), number.isFinite else {
            throw RuleSyntaxError(position: token.position, message: "\(field.rawValue)\(op.rawValue) needs a number, found \(describe(token))")
        }
        guard range.contains(number) else {
            throw RuleSyntaxError(
                position: token.position,
                message: "\(field.rawValue) lies between \(RuleExpression.format(range.lowerBound)) and \(RuleExpression.format(range.upperBound))")
        }
        return .compare(field, op, number)
    }

    private func describe(_ token: RuleLexer.Token) -> String {
        switch token.kind {
        case .open: "("
        case .close: ")"
        case .colon: ":"
        case .at: "@"
        case .minus: "-"
        case .comparison(let c): c.rawValue
        case .phrase(let p): "\"\(p)\""
        case .word(let w): "\"\(w)\""
        case .end: "the end of the rule"
        }
    }
}
