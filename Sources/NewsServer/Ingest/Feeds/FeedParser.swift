import Foundation
import NewsAnalysis

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads RSS 2.0, RSS 1.0 (RDF) and Atom into `FeedItem`s, with a real XML parser (libxml2 through XMLParser).
///
/// It copes with what real feeds do: namespaced elements (`content:encoded`, `dc:date`, `dc:creator`), CDATA,
/// entities, Atom `xhtml` content written as markup, RFC 822 and ISO 8601 dates (malformed ones become nil), and
/// an XML declaration that names the wrong encoding. A feed that is not XML at all is an error with the parser's
/// line and message, never a crash.
public enum FeedParser {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public static func parse(_ data: Data) throws -> [FeedItem] {
        let delegate = Delegate()
        let parser = XMLParser(data: Self.repairEncoding(data))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        guard parser.parse() else {
            let error = parser.parserError.map { "\($0.localizedDescription)" } ?? "unknown error"
            throw Failure(description: "not a readable feed: line \(parser.lineNumber), column \(parser.columnNumber): \(error)")
        }
        guard delegate.sawFeed else { throw Failure(description: "not a feed: no <rss>, <rdf:RDF> or <feed> element") }
        return delegate.items
    }

    /// A declaration that names an encoding the bytes are not in: UTF-8 bytes declared as Latin-1 are re-declared
    /// as UTF-8, and bytes that are not valid UTF-8 are read as Windows-1252 (what such feeds turn out to be) and
    /// handed on as UTF-8.
    static func repairEncoding(_ data: Data) -> Data {
        let bytes = [UInt8](data)
        let validUTF8 = String(validating: bytes, as: UTF8.self) != nil
        let text = validUTF8 ? String(decoding: bytes, as: UTF8.self) : windows1252(bytes)
        let declaration = text.prefix(200).range(of: #"encoding=["'][^"']+["']"#, options: .regularExpression)
        let declared = declaration.map { text[$0].dropFirst(10).dropLast().lowercased() }
        if validUTF8, declared == nil || declared == "utf-8" || declared == "utf8" { return data }
        guard let declaration else { return Data(text.utf8) }
        return Data(text.replacingCharacters(in: declaration, with: "encoding=\"UTF-8\"").utf8)
    }

    /// Windows-1252 to a String: bytes 0x80–0x9F are the printable characters that code page puts there.
    static func windows1252(_ bytes: [UInt8]) -> String {
        let high: [UInt32] = [
            0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
            0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
        ]
        var out = String.UnicodeScalarView()
        for b in bytes {
            let v = b >= 0x80 && b < 0xA0 ? high[Int(b - 0x80)] : UInt32(b)
            out.append(Unicode.Scalar(v) ?? "\u{FFFD}")
        }
        return String(out)
    }

    /// Collects items as the parser walks the document.
    final class Delegate: NSObject, XMLParserDelegate {
        var items: [FeedItem] = []
        var sawFeed = false
        private var item: FeedItem?
        private var text = ""
        /// Inside Atom `type="xhtml"` content: the markup is the content, so elements are written back as text.
        private var xhtmlDepth = 0
        private var summary = ""

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            if xhtmlDepth > 0 {
                xhtmlDepth += 1
                text += "<\(name)>"
                return
            }
            switch name {
            case "rss", "RDF", "feed": sawFeed = true
            case "item", "entry":
                item = FeedItem()
                summary = ""
                if let about = attributes["rdf:about"] ?? attributes["about"] { item?.guid = about }
            case "link" where item != nil:
                // Atom: <link rel="alternate" href="…"/>; RSS: <link>text</link>.
                if let href = attributes["href"], attributes["rel"] == nil || attributes["rel"] == "alternate" { item?.link = href }
            case "content" where item != nil && attributes["type"] == "xhtml":
                xhtmlDepth = 1
            default: break
            }
            text = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, foundCDATA block: Data) { text += String(decoding: block, as: UTF8.self) }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if xhtmlDepth > 1 {
                xhtmlDepth -= 1
                text += "</\(name)>"
                return
            }
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if xhtmlDepth == 1 {
                xhtmlDepth = 0
                item?.content = value
                text = ""
                return
            }
            guard item != nil else { return }
            let ns = namespaceURI ?? ""
            switch name {
            case "title": item?.title = value
            case "link" where !value.isEmpty: item?.link = value
            case "guid", "id": item?.guid = value
            case "pubDate", "published", "issued": item?.published = FeedDate.parse(value)
            case "date" where ns.contains("purl.org/dc"): if item?.published == nil { item?.published = FeedDate.parse(value) }
            case "updated", "modified": item?.updated = FeedDate.parse(value)
            case "encoded" where ns.contains("content"): item?.content = value
            case "content": if item?.content.isEmpty ?? false { item?.content = value }
            case "description", "summary": summary = value
            case "creator", "author", "name": if item?.author == nil, !value.isEmpty { item?.author = value }
            case "category": if !value.isEmpty { item?.categories.append(value) }
            case "item", "entry":
                if var done = item {
                    if done.content.isEmpty { done.content = summary }
                    if done.published == nil { done.published = done.updated }
                    items.append(done)
                }
                item = nil
            default: break
            }
            text = ""
        }
    }
}
