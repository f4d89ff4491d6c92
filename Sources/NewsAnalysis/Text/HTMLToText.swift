#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns an HTML page into clean text: scripts, styles, navigation, forms and comment blocks removed,
/// block elements as line breaks, entities decoded.
public enum HTMLToText {
    /// Elements whose whole content is page furniture, not the story.
    static let droppedElements: Set<String> = [
        "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "template", "button", "select",
        "figure",
    ]
    /// Class or id fragments that mark furniture blocks (comments, share bars, related links).
    static let droppedMarkers = [
        "comment", "share", "social", "related", "newsletter", "subscribe", "breadcrumb", "sidebar", "menu", "advert", "promo", "cookie",
    ]
    static let blockElements: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section", "article", "blockquote",
        "pre", "hr", "dd", "dt", "title", "main",
    ]

    /// Tags whose presence near the start makes a text HTML rather than plain text with a stray `<`.
    static let telltaleTags: [[UInt8]] = ["html", "!doctype", "body", "p>", "p ", "div", "br", "head", "article", "span"].map { Array($0.utf8) }

    /// Whether `text` looks like HTML. Scans bytes: this runs on every article.
    public static func looksLikeHTML(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { looksLikeHTML(bytes: $0) }
    }

    static func looksLikeHTML(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let n = min(bytes.count, 4096)
        var i = 0
        // Plain text has few or no `<`: memchr (vectorised) jumps between them.
        while i < n, let hit = memchr(base + i, Int32(UInt8(ascii: "<")), n - i) {
            i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            for tag in telltaleTags where i + 1 + tag.count <= bytes.count {
                var hit = true
                for k in 0..<tag.count where bytes[i + 1 + k] | 0x20 != tag[k] | 0x20 {
                    hit = false
                    break
                }
                if hit { return true }
            }
            i += 1
        }
        return false
    }

    /// The page's `<title>`, if any, and its readable text.
    public static func convert(_ html: String) -> (title: String?, text: String) {
        var out = ""
        out.reserveCapacity(html.utf8.count / 2)
        var title: String? = nil
        var skipStack: [String] = []  // dropped element names we are inside
        var inTitle = false
        var titleText = ""
        let scalars = Array(html.unicodeScalars)
        var i = 0
        let n = scalars.count
        func appendText(_ s: String) {
            if inTitle { titleText += s }
            if skipStack.isEmpty, !inTitle { out += s }
        }
        while i < n {
            let c = scalars[i]
            if c == "<" {
                // Comments
                if i + 3 < n, scalars[i + 1] == "!", scalars[i + 2] == "-", scalars[i + 3] == "-" {
                    var j = i + 4
                    while j + 2 < n, !(scalars[j] == "-" && scalars[j + 1] == "-" && scalars[j + 2] == ">") { j += 1 }
                    i = min(n, j + 3)
                    continue
                }
                var j = i + 1
                var quote: Unicode.Scalar? = nil
                while j < n {
                    let d = scalars[j]
                    if let q = quote {
                        if d == q { quote = nil }
                    } else if d == "\"" || d == "'" {
                        quote = d
                    } else if d == ">" {
                        break
                    }
                    j += 1
                }
                guard j < n else {
                    appendText(String(String.UnicodeScalarView(scalars[i...])))
                    break
                }
                let tag = String(String.UnicodeScalarView(scalars[(i + 1)..<j]))
                i = j + 1
                let closing = tag.hasPrefix("/")
                let body = closing ? tag.dropFirst() : Substring(tag)
                let name = String(body.prefix { $0.isLetter || $0.isNumber }).lowercased()
                let selfClosing = tag.hasSuffix("/")
                if name == "title" {
                    inTitle = !closing
                    if closing, title == nil { title = decodeEntities(titleText).trimmingWhitespace() }
                    continue
                }
                if closing {
                    if let last = skipStack.last, last == name { skipStack.removeLast() }
                } else if !selfClosing {
                    let attrs = body.lowercased()
                    let marked = (attrs.contains("class=") || attrs.contains("id=")) && droppedMarkers.contains { attrs.contains($0) }
                    // Inside a dropped element, a nested one of the same name must close before the outer one does.
                    if droppedElements.contains(name) || marked || name == skipStack.last { skipStack.append(name) }
                    if name == "script" || name == "style" {
                        // Raw text: jump to the matching close tag.
                        let close = Array("</\(name)".unicodeScalars)
                        var k = i
                        while k + close.count <= n {
                            var hit = true
                            for (o, s) in close.enumerated() where Character(scalars[k + o]).lowercased() != Character(s).lowercased() {
                                hit = false
                                break
                            }
                            if hit { break }
                            k += 1
                        }
                        i = k
                    }
                }
                if blockElements.contains(name), skipStack.isEmpty { out += "\n" }
                continue
            }
            var j = i
            while j < n, scalars[j] != "<" { j += 1 }
            appendText(decodeEntities(String(String.UnicodeScalarView(scalars[i..<j]))))
            i = j
        }
        return (title, normalizeWhitespace(out))
    }

    /// Collapses runs of spaces within lines and runs of blank lines to one paragraph break, and joins hard-wrapped
    /// lines ("… Recruit\njumped 6.93% …"). Works on bytes: it runs on every article.
    static func normalizeWhitespace(_ s: String) -> String {
        var text = s
        return String(decoding: text.withUTF8 { normalizeWhitespace(bytes: $0) }, as: UTF8.self)
    }

    /// The byte form, for the cleaning pipeline: one pass, writing straight to the output.
    static func normalizeWhitespace(bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let n = bytes.count
        // Never longer than the input: blanks only shrink, and each line's break (or space) stands for its newline.
        return [UInt8](unsafeUninitializedCapacity: n) { out, count in
            var o = 0
            var i = 0
            var blankSinceText = true  // at the start, or after a blank line
            var lastLineEnd = 0  // out offset after the previous non-empty line
            var lastLineStart = 0
            while i < n {
                // One line: skip leading blanks, find its content.
                let j: Int
                if let base = bytes.baseAddress, let nl = memchr(base + i, 10, n - i) {
                    j = base.distance(to: nl.assumingMemoryBound(to: UInt8.self))
                } else {
                    j = n
                }
                var s = i
                while s < j, isBlank(bytes, s) { s += isNBSP(bytes, s) ? 2 : 1 }
                if s == j {
                    // An empty line: one paragraph break, however many there are.
                    if !blankSinceText {
                        out[o] = 10
                        o += 1
                        blankSinceText = true
                    }
                } else {
                    if !blankSinceText,
                        isSoftBreak(after: UnsafeBufferPointer(rebasing: out[lastLineStart..<lastLineEnd]), nextStartsWith: bytes[s])
                    {
                        out[o] = 32
                        o += 1
                    } else if o > 0 {
                        out[o] = 10
                        o += 1
                    }
                    lastLineStart = o
                    var pendingSpace = false
                    var k = s
                    while k < j {
                        let c = bytes[k]
                        if c &- 32 < 95 {
                            // Printable ASCII, the common case, without a branch on the space (it would be
                            // mispredicted at every word): a space is held back until text follows it, and bytes
                            // written past `o` are overwritten later. `o` never passes `k`, so they fit.
                            let isSpace = c == 32
                            out[o] = 32
                            o &+= pendingSpace && !isSpace ? 1 : 0
                            out[o] = c
                            o &+= isSpace ? 0 : 1
                            pendingSpace = isSpace
                            k &+= 1
                            continue
                        }
                        if isBlank(bytes, k) {
                            pendingSpace = true
                            k += isNBSP(bytes, k) ? 2 : 1
                            continue
                        }
                        if pendingSpace {
                            out[o] = 32
                            o += 1
                            pendingSpace = false
                        }
                        out[o] = c
                        o += 1
                        k += 1
                    }
                    lastLineEnd = o
                    blankSinceText = false
                }
                i = j + 1
            }
            while o > 0, out[o - 1] == 10 { o -= 1 }
            count = o
        }
    }

    @inline(__always) private static func isNBSP(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        b[i] == 0xC2 && i + 1 < b.count && b[i + 1] == 0xA0
    }
    @inline(__always) private static func isBlank(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        b[i] == 32 || b[i] == 9 || b[i] == 13 || isNBSP(b, i)
    }

    /// A line break inside a sentence: the next line goes on in lower case and the previous one did not end a sentence.
    static func isSoftBreak(after previous: UnsafeBufferPointer<UInt8>, nextStartsWith f: UInt8) -> Bool {
        guard ByteClass.isLower(f), let l = previous.last else { return false }
        // Sentence ends: . ! ? : ; " and the closing curly quote (E2 80 9D).
        if [UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "\"")].contains(l) {
            return false
        }
        if l == 0x9D, previous.count >= 3, previous[previous.count - 2] == 0x80, previous[previous.count - 3] == 0xE2 { return false }
        return true
    }

    static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "rsquo": "\u{2019}", "lsquo": "\u{2018}",
        "rdquo": "\u{201D}", "ldquo": "\u{201C}", "ndash": "\u{2013}", "mdash": "\u{2014}", "hellip": "\u{2026}", "euro": "€",
        "pound": "£", "yen": "¥", "copy": "©", "reg": "®", "trade": "™", "middot": "·", "bull": "•", "eacute": "é", "uuml": "ü",
        "ouml": "ö", "auml": "ä", "szlig": "ß", "cent": "¢", "times": "×", "deg": "°", "laquo": "«", "raquo": "»",
    ]

    /// Decodes `&amp;`, `&#8217;`, `&#x2019;` and the common named entities; unknown ones stay as written.
    public static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(12).firstIndex(of: ";") {
                let name = after[..<semi]
                var decoded: String? = nil
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
                } else if name.hasPrefix("#") {
                    decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
                } else {
                    decoded = namedEntities[String(name)]
                }
                if let d = decoded {
                    out += d
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            out += "&"
            rest = after
        }
        out += rest
        return out
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
