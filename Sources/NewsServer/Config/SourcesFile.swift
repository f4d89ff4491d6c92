import Foundation
import NewsModel

/// The sources a config file declares (its `server` section is `ServerSettings`'):
///
/// ```json
/// {"sources": [
///   {"kind": "feed", "location": "https://example.com/rss", "name": "example", "interval": 60},
///   {"kind": "json", "location": "https://api.example.com/news", "mapping": {"items": "data", "title": "headline"}},
///   {"kind": "directory", "location": "./inbox", "interval": 5}
/// ]}
/// ```
///
/// Reading is strict: an unknown key, a missing location or a bad interval is an error that names where it is.
public enum SourcesFile {
    public struct Problem: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    static let sourceKeys: Set<String> = ["kind", "location", "name", "interval", "mapping"]
    static let mappingKeys: Set<String> = ["items", "id", "title", "body", "url", "published", "source", "since"]

    public static func read(path: String) throws(Problem) -> [SourceConfig] {
        guard let data = FileManager.default.contents(atPath: path) else { throw Problem(description: "\(path): cannot be read") }
        do {
            return try parse(data)
        } catch {
            throw Problem(description: "\(path): \(error.description)")
        }
    }

    public static func parse(_ data: Data) throws(Problem) -> [SourceConfig] {
        guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw Problem(description: "not a JSON object")
        }
        if let unknown = Set(root.keys).subtracting(["sources", "server"]).sorted().first {
            throw Problem(description: "unknown key \"\(unknown)\" (a config file has \"server\" and \"sources\")")
        }
        guard root["sources"] != nil else { return [] }
        guard let list = root["sources"] as? [Any] else { throw Problem(description: "\"sources\" must be an array") }
        var out: [SourceConfig] = []
        for (i, item) in list.enumerated() {
            let at = "sources[\(i)]"
            guard let object = item as? [String: Any] else { throw Problem(description: "\(at) is not an object") }
            if let unknown = Set(object.keys).subtracting(sourceKeys).sorted().first {
                throw Problem(description: "\(at): unknown key \"\(unknown)\" (known: \(sourceKeys.sorted().joined(separator: ", ")))")
            }
            if let mapping = object["mapping"] as? [String: Any], let unknown = Set(mapping.keys).subtracting(mappingKeys).sorted().first {
                throw Problem(description: "\(at).mapping: unknown key \"\(unknown)\" (known: \(mappingKeys.sorted().joined(separator: ", ")))")
            }
            let config: SourceConfig
            do {
                config = try JSONDecoder().decode(SourceConfig.self, from: JSONSerialization.data(withJSONObject: object))
            } catch let DecodingError.keyNotFound(key, _) {
                throw Problem(description: "\(at): \"\(key.stringValue)\" is required")
            } catch let DecodingError.dataCorrupted(context) {
                throw Problem(description: "\(at): \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)")
            } catch let DecodingError.typeMismatch(_, context) {
                throw Problem(description: "\(at): \(context.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type")
            } catch {
                throw Problem(description: "\(at): \(error)")
            }
            if let problem = config.problem { throw Problem(description: "\(at): \(problem)") }
            out.append(config)
        }
        return out
    }
}

extension SourceConfig {
    /// What is wrong with these settings, or nil.
    public var problem: String? {
        if !(interval > 0 && interval <= 86_400) { return "interval must be between 0 and 86400 seconds, not \(interval)" }
        switch kind {
        case .feed, .json:
            guard let url = URL(string: location), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                return "location must be an http(s) URL, not \"\(location)\""
            }
        case .directory:
            if location.isEmpty { return "location must be a folder" }
        }
        if mapping != nil && kind != .json { return "mapping applies to json sources only" }
        return nil
    }
}
