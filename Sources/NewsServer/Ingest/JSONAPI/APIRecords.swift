import Foundation
import NewsAnalysis
import NewsModel

/// Turns another provider's JSON (or NDJSON) reply into articles through a `FieldMapping`. Pure.
public enum APIRecords {
    public struct Problem: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Where records are found when the mapping does not say, and the usual names of each field.
    static let itemKeys = ["items", "data", "articles", "results", "news", "stories"]

    enum Field {
        case id, title, body, url, published, source

        /// The names providers usually give this field, tried in order when the mapping does not name it.
        var usualNames: [String] {
            switch self {
            case .id: ["id", "guid", "uuid"]
            case .title: ["title", "headline"]
            case .body: ["body", "text", "content", "summary", "teaser", "description"]
            case .url: ["url", "link"]
            case .published: ["published", "published_at", "publishedAt", "created", "created_at", "date", "time"]
            case .source: ["source", "author"]
            }
        }

        func path(in m: FieldMapping) -> String? {
            switch self {
            case .id: m.id
            case .title: m.title
            case .body: m.body
            case .url: m.url
            case .published: m.published
            case .source: m.source
            }
        }
    }

    /// The reply's records as articles (`source` for records that name none), in the order given.
    public static func articles(from data: Data, mapping: FieldMapping, source: String?) throws(Problem) -> [Article] {
        try records(from: data, mapping: mapping).map { article($0, mapping: mapping, source: source) }
    }

    static func records(from data: Data, mapping: FieldMapping) throws(Problem) -> [[String: Any]] {
        if let whole = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) {
            var list: Any = whole
            if let path = mapping.items {
                guard let found = value(at: path, in: whole) else { throw Problem(description: "no \"\(path)\" in the reply") }
                list = found
            } else if let object = whole as? [String: Any] {
                list = itemKeys.lazy.compactMap { object[$0] as? [Any] }.first ?? [object]
            }
            guard let array = list as? [Any] else { throw Problem(description: "\"\(mapping.items ?? "the reply")\" is not an array of records") }
            return array.compactMap { $0 as? [String: Any] }
        }
        // Not one JSON value: NDJSON, a record a line.
        var out: [[String: Any]] = []
        for (n, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() where line.contains(where: { $0 > 32 }) {
            guard let record = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any] else {
                throw Problem(description: "line \(n + 1) is not a JSON object (the reply is neither JSON nor NDJSON)")
            }
            out.append(record)
        }
        return out
    }

    static func article(_ record: [String: Any], mapping: FieldMapping, source: String?) -> Article {
        func field(_ f: Field) -> Any? {
            if let path = f.path(in: mapping) { return value(at: path, in: record) }
            return f.usualNames.lazy.compactMap { record[$0] }.first
        }
        return Article(
            id: field(.id).flatMap(text), title: field(.title).flatMap(text) ?? "", body: field(.body).flatMap(text) ?? "",
            published: field(.published).flatMap(date), url: field(.url).flatMap(text), source: field(.source).flatMap(text) ?? source)
    }

    /// A dotted path ("data.items", "content.rendered", "authors.0.name") into objects and arrays.
    static func value(at path: String, in root: Any) -> Any? {
        var current: Any? = root
        for part in path.split(separator: ".") {
            if let object = current as? [String: Any] {
                current = object[String(part)]
            } else if let array = current as? [Any], let i = Int(part), array.indices.contains(i) {
                current = array[i]
            } else {
                return nil
            }
        }
        return current
    }

    /// Strings as they are, numbers as written, an object by its `name`.
    static func text(_ v: Any) -> String? {
        switch v {
        case let s as String: s.isEmpty ? nil : s
        case let n as NSNumber: n.stringValue
        case let o as [String: Any]: o["name"].flatMap(text)
        default: nil
        }
    }

    /// ISO 8601, RFC 822, or Unix time in seconds or milliseconds.
    static func date(_ v: Any) -> Date? {
        if let n = v as? NSNumber {
            let t = n.doubleValue
            return Date(timeIntervalSince1970: t > 1e11 ? t / 1000 : t)
        }
        guard let s = v as? String else { return nil }
        if let t = Double(s) { return date(NSNumber(value: t)) }
        return DateParsing.timestamp(s) ?? FeedDate.parse(s)
    }
}
