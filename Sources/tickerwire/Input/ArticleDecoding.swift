import Foundation
import NewsAnalysis
import NewsModel

/// Turns input bytes into articles: an NDJSON record, or a whole plain-text or HTML document.
enum ArticleDecoding {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// One NDJSON line: `{"id", "title", "body" | "text", "published", "url", "source"}`; `title` or `body` is required.
    static func record(_ bytes: [UInt8], defaultPublished: Date?) throws -> Article {
        if let bad = firstInvalidUTF8(bytes) { throw Problem(description: "invalid UTF-8 at byte \(bad + 1)") }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
        } catch {
            throw Problem(description: "malformed JSON: \(jsonMessage(error))")
        }
        guard let dict = object as? [String: Any] else {
            throw Problem(description: "expected a JSON object with \"title\" or \"body\", found \(typeName(object))")
        }
        func string(_ key: String) throws -> String? {
            guard let v = dict[key], !(v is NSNull) else { return nil }
            if let s = v as? String { return s }
            if key == "id", let n = v as? NSNumber { return n.stringValue }
            throw Problem(description: "field \"\(key)\" must be a string, found \(typeName(v))")
        }
        let title = try string("title") ?? ""
        let body = try string("body") ?? string("text") ?? ""
        guard !title.isEmpty || !body.isEmpty else {
            throw Problem(description: "the record has neither \"title\" nor \"body\" (or \"text\")")
        }
        var published = defaultPublished
        if let p = try string("published") {
            guard let d = DateParsing.timestamp(p) else {
                throw Problem(description: "field \"published\" is not an ISO 8601 time: \"\(p.prefix(40))\"")
            }
            published = d
        }
        return Article(id: try string("id"), title: title, body: body, published: published, url: try string("url"), source: try string("source"))
    }

    /// A whole plain-text or HTML document: its first non-empty line is the title (an HTML page's `<title>` wins).
    static func document(_ bytes: [UInt8], defaultPublished: Date?) throws -> Article {
        if let bad = firstInvalidUTF8(bytes) {
            let line = bytes[..<bad].reduce(1) { $1 == 10 ? $0 + 1 : $0 }
            throw Problem(description: "line \(line): invalid UTF-8 at byte \(bad + 1)")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if HTMLToText.looksLikeHTML(text) {
            let page = HTMLToText.convert(text)
            let lines = page.text.split(separator: "\n", omittingEmptySubsequences: true)
            let title = page.title ?? lines.first.map(String.init) ?? ""
            let body = page.title == nil ? lines.dropFirst().joined(separator: "\n") : page.text
            return Article(title: title, body: body, published: defaultPublished)
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        while let f = lines.first, f.allSatisfy(\.isWhitespace) { lines = lines.dropFirst() }
        let title = lines.first.map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        return Article(title: title, body: lines.dropFirst().joined(separator: "\n"), published: defaultPublished)
    }

    /// The offset of the first byte that is not valid UTF-8, or nil.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let width: Int
            if b & 0xE0 == 0xC0, b >= 0xC2 { width = 2 } else if b & 0xF0 == 0xE0 { width = 3 } else if b & 0xF8 == 0xF0, b <= 0xF4 { width = 4 } else { return i }
            guard i + width <= n else { return i }
            for k in 1..<width where bytes[i + k] & 0xC0 != 0x80 { return i }
            if width == 3 {
                let c1 = bytes[i + 1]
                if (b == 0xE0 && c1 < 0xA0) || (b == 0xED && c1 >= 0xA0) { return i }
            }
            if width == 4 {
                let c1 = bytes[i + 1]
                if (b == 0xF0 && c1 < 0x90) || (b == 0xF4 && c1 >= 0x90) { return i }
            }
            i += width
        }
        return nil
    }

    private static func typeName(_ v: Any) -> String {
        switch v {
        case is String: return "a string"
        case is NSNumber: return "a number"
        case is [Any]: return "an array"
        case is [String: Any]: return "an object"
        case is NSNull: return "null"
        default: return "\(type(of: v))"
        }
    }

    private static func jsonMessage(_ error: any Error) -> String {
        let ns = error as NSError
        if let d = ns.userInfo[NSDebugDescriptionErrorKey] as? String { return d }
        return ns.localizedDescription
    }
}
