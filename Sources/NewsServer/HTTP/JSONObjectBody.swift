import Foundation
import Hummingbird

/// A small JSON object sent to a management endpoint (keys, watchlists, rules, webhooks): read whole, with its
/// fields checked against the ones the endpoint knows, each wrong thing a 4xx that says what to send.
struct JSONObjectBody {
    let object: [String: Any]
    let example: String

    /// - Parameters:
    ///   - fields: the fields the endpoint takes; any other is an error naming it.
    ///   - example: the shape to show in errors.
    init(_ request: Request, fields: Set<String>, example: String) async throws {
        guard PushedArticles.Format(contentType: request.headers[.contentType]) == .json else {
            throw APIError(.unsupportedMediaType, "send application/json: \(example)")
        }
        let body = try await request.body.collect(upTo: 256 * 1024)
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] else {
            throw APIError(.invalidJSON, "the body must be a JSON object: \(example)")
        }
        if let unknown = Set(object.keys).subtracting(fields).sorted().first {
            throw APIError(.unknownField, "unknown field \"\(unknown.prefix(40))\" (known: \(fields.sorted().joined(separator: ", ")))")
        }
        self.object = object
        self.example = example
    }

    func string(_ field: String, required: Bool = false) throws -> String? {
        guard let v = object[field], !(v is NSNull) else {
            if required { throw APIError(.invalidParameter, "\(field) is required: \(example)") }
            return nil
        }
        guard let s = v as? String, !s.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw APIError(.invalidParameter, "\(field) must be a non-empty string")
        }
        return s
    }

    func strings(_ field: String) throws -> [String]? {
        guard let v = object[field], !(v is NSNull) else { return nil }
        guard let list = v as? [Any], list.allSatisfy({ $0 is String }) else {
            throw APIError(.invalidParameter, "\(field) must be a list of strings")
        }
        return list.map { $0 as! String }
    }

    func bool(_ field: String) throws -> Bool? {
        guard let v = object[field], !(v is NSNull) else { return nil }
        // JSON's true and false arrive as Foundation's boolean class; 0 and 1 as plain numbers, which are not booleans here.
        guard let b = v as? Bool, String(describing: type(of: v)).contains("Boolean") else {
            throw APIError(.invalidParameter, "\(field) must be true or false")
        }
        return b
    }

    func int(_ field: String) throws -> Int? {
        guard let v = object[field], !(v is NSNull) else { return nil }
        // Booleans arrive as numbers too: refuse them, and fractions.
        guard let n = v as? NSNumber, !String(describing: type(of: v)).contains("Boolean"), let i = Int(exactly: n.doubleValue) else {
            throw APIError(.invalidParameter, "\(field) must be a whole number")
        }
        return i
    }

    /// Whether the field was sent as null (to clear it).
    func isNull(_ field: String) -> Bool { object[field] is NSNull }
}
