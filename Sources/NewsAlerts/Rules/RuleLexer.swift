/// Splits a rule into tokens, each with its character position.
struct RuleLexer {
    enum Kind: Equatable {
        case open, close, colon, at, minus
        case comparison(RuleComparison)
        case phrase(String)
        case word(String)
        case end
    }

    struct Token: Equatable {
        var kind: Kind
        var position: Int
    }

    static let special: Set<Character> = ["(", ")", ":", "@", "\"", "<", ">", "="]

    static func tokens(_ text: String) throws(RuleSyntaxError) -> [Token] {
        let chars = Array(text)
        var out: [Token] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace {
                i += 1
                continue
            }
            let start = i
            switch c {
            case "(": out.append(Token(kind: .open, position: i)); i += 1
            case ")": out.append(Token(kind: .close, position: i)); i += 1
            case ":": out.append(Token(kind: .colon, position: i)); i += 1
            case "@": out.append(Token(kind: .at, position: i)); i += 1
            case "<", ">", "=":
                if c != "=", i + 1 < chars.count, chars[i + 1] == "=" {
                    out.append(Token(kind: .comparison(c == "<" ? .lessOrEqual : .greaterOrEqual), position: i))
                    i += 2
                } else {
                    out.append(Token(kind: .comparison(c == "<" ? .less : c == ">" ? .greater : .equal), position: i))
                    i += 1
                }
            case "\"":
                i += 1
                var text = ""
                while i < chars.count, chars[i] != "\"" {
                    text.append(chars[i])
                    i += 1
                }
                guard i < chars.count else { throw RuleSyntaxError(position: start, message: "this quote is never closed") }
                i += 1
                let trimmed = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                guard !trimmed.isEmpty else { throw RuleSyntaxError(position: start, message: "an empty phrase matches nothing") }
                out.append(Token(kind: .phrase(trimmed), position: start))
            case "-":
                // A minus before a number right after a comparison is the number's sign; elsewhere it negates.
                if case .comparison = out.last?.kind, i + 1 < chars.count, chars[i + 1].isNumber || chars[i + 1] == "." {
                    fallthrough
                }
                out.append(Token(kind: .minus, position: i))
                i += 1
            default:
                var word = ""
                while i < chars.count, !chars[i].isWhitespace, !special.contains(chars[i]) || (chars[i] == "-" && !word.isEmpty) {
                    word.append(chars[i])
                    i += 1
                }
                out.append(Token(kind: .word(word), position: start))
            }
        }
        out.append(Token(kind: .end, position: chars.count))
        return out
    }
}
