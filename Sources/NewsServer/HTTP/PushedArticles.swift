import Foundation
import NewsAnalysis
import NewsModel

/// Articles pushed to the API: one JSON object, a JSON array of them, or NDJSON. Read strictly: unknown fields,
/// wrong types, a bad time or a record with neither title nor body is a 400 naming the line and field.
enum PushedArticles {
    /// The fields of an article record, as files and standard input take them.
    static let fields = ArticleDecoding.recordFields

    enum Format {
        case json, ndjson

        /// The format a Content-Type names; nil when it is not one the API reads.
        init?(contentType: String?) {
            let media = (contentType ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            switch media {
            case "application/json": self = .json
            case "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines": self = .ndjson
            default: return nil
            }
        }
    }

    static func parse(_ bytes: [UInt8], format: Format) throws -> [Article] {
        if let bad = ArticleDecoding.firstInvalidUTF8(bytes) {
            throw APIError(.invalidUTF8, "the body is not valid UTF-8 (byte \(bad + 1))")
        }
        switch format {
        case .json:
            let value: Any
            do {
                value = try JSONSerialization.jsonObject(with: Data(bytes))
            } catch {
                throw APIError(.invalidJSON, "the body is not valid JSON: \(Self.reason(error))")
            }
            if let one = value as? [String: Any] { return [try article(one, line: nil)] }
            guard let list = value as? [Any] else { throw APIError(.invalidArticle, "the body must be an article object or an array of them") }
            guard !list.isEmpty else { throw APIError(.invalidArticle, "the array holds no articles") }
            var problems: [(Int, String)] = []
            var out: [Article] = []
            for (i, item) in list.enumerated() {
                do {
                    guard let object = item as? [String: Any] else { throw APIError(.invalidArticle, "item \(i + 1) is not an object") }
                    out.append(try article(object, line: i + 1))
                } catch let e as APIError {
                    problems.append((i + 1, e.detail))
                }
            }
            return try checked(out, problems)
        case .ndjson:
            var problems: [(Int, String)] = []
            var out: [Article] = []
            for (n, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
            where line.contains(where: { $0 > 32 }) {
                do {
                    guard let object = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any] else {
                        throw APIError(.invalidJSON, "line \(n + 1) is not a JSON object")
                    }
                    out.append(try article(object, line: n + 1))
                } catch let e as APIError {
                    problems.append((n + 1, e.detail))
                }
            }
            if out.isEmpty && problems.isEmpty { throw APIError(.invalidArticle, "the body holds no articles") }
            return try checked(out, problems)
        }
    }

    /// All or nothing: a batch with a bad record stores none of it, and every bad line is listed.
    private static func checked(_ articles: [Article], _ problems: [(Int, String)]) throws -> [Article] {
        guard problems.isEmpty else {
            var e = APIError(.invalidArticle, "\(problems.count) of \(articles.count + problems.count) records cannot be read; none was stored")
            e.errors = problems.map { (line: $0.0, detail: $0.1) }
            throw e
        }
        return articles
    }

    static func article(_ o: [String: Any], line: Int?) throws -> Article {
        let at = line.map { "line \($0): " } ?? ""
        if let unknown = Set(o.keys).subtracting(fields).sorted().first {
            throw APIError(.unknownField, "\(at)unknown field \"\(unknown)\" (an article has \(fields.sorted().joined(separator: ", ")))")
        }
        func text(_ key: String) throws -> String? {
            switch o[key] {
            case nil, is NSNull: return nil
            case let s as String: return s
            default: throw APIError(.invalidArticle, "\(at)field \"\(key)\" must be a string")
            }
        }
        var id: String? = nil
        switch o["id"] {
        case nil, is NSNull: break
        case let s as String: id = s
        case let n as NSNumber: id = n.stringValue
        default: throw APIError(.invalidArticle, "\(at)field \"id\" must be a string or a number")
        }
        let title = try text("title") ?? ""
        let body = try text("body") ?? text("text") ?? ""
        guard !title.allSatisfy(\.isWhitespace) || !body.allSatisfy(\.isWhitespace) else {
            throw APIError(.invalidArticle, "\(at)an article needs a \"title\" or a \"body\"")
        }
        var published: Date? = nil
        if let p = try text("published") {
            guard let d = DateParsing.timestamp(p) else {
                throw APIError(
                    .invalidDate, "\(at)field \"published\" must be an ISO 8601 time such as 2020-09-15T14:00:00Z, not \"\(p.prefix(40))\"")
            }
            published = d
        }
        return Article(id: id, title: title, body: body, published: published, url: try text("url"), source: try text("source"))
    }

    private static func reason(_ error: any Error) -> String {
        let e = error as NSError
        return (e.userInfo[NSDebugDescriptionErrorKey] as? String) ?? e.localizedDescription
    }
}
