import Foundation

/// A news source a user declared (in the config file or with `tickerwire sources add`): where it is, how often to
/// look, and for a JSON API how its records map onto articles. Its location is its identity.
public struct SourceConfig: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// An RSS 2.0, RSS 1.0 (RDF) or Atom feed URL.
        case feed
        /// A JSON or NDJSON HTTP API, read through a field mapping.
        case json
        /// A folder on this machine; new .txt, .html, .json and .ndjson files in it are imported.
        case directory
    }

    public var kind: Kind
    /// The URL (feed, json) or folder path (directory).
    public var location: String
    /// The source name stored with its articles (when an article carries none).
    public var name: String
    /// Seconds between polls while the source answers.
    public var interval: Double
    /// How a JSON API's records become articles (json only).
    public var mapping: FieldMapping?

    public init(kind: Kind, location: String, name: String? = nil, interval: Double = 60, mapping: FieldMapping? = nil) {
        self.kind = kind
        self.location = location
        self.name = name ?? Self.defaultName(kind: kind, location: location)
        self.interval = interval
        self.mapping = mapping
    }

    /// A feed is named by its host, a folder by its last component.
    public static func defaultName(kind: Kind, location: String) -> String {
        switch kind {
        case .feed, .json: URL(string: location)?.host ?? location
        case .directory: (location as NSString).lastPathComponent
        }
    }

    private enum CodingKeys: String, CodingKey { case kind, location, name, interval, mapping }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try c.decode(Kind.self, forKey: .kind)
        let location = try c.decode(String.self, forKey: .location)
        self.init(
            kind: kind, location: location, name: try c.decodeIfPresent(String.self, forKey: .name),
            interval: try c.decodeIfPresent(Double.self, forKey: .interval) ?? 60,
            mapping: try c.decodeIfPresent(FieldMapping.self, forKey: .mapping))
    }
}
