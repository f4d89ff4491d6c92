import Foundation
import Hummingbird
import NewsModel

/// An error the API answers with: an RFC 9457 problem (`application/problem+json`) with a stable `code`. The
/// status of each code is in one table, `Code.status`.
public struct APIError: Error, HTTPResponseError, Sendable {
    public enum Code: String, Sendable, CaseIterable {
        case invalidJSON = "invalid_json"
        case invalidUTF8 = "invalid_utf8"
        case invalidArticle = "invalid_article"
        case unknownField = "unknown_field"
        case invalidParameter = "invalid_parameter"
        case invalidDate = "invalid_date"
        case invalidCursor = "invalid_cursor"
        case invalidLimit = "invalid_limit"
        case unknownTicker = "unknown_ticker"
        case invalidRule = "invalid_rule"
        case conflict
        case unauthorized
        case forbidden
        case notFound = "not_found"
        case methodNotAllowed = "method_not_allowed"
        case bodyTooLarge = "body_too_large"
        case unsupportedMediaType = "unsupported_media_type"
        case rateLimited = "rate_limited"
        case unavailable
        case `internal`

        /// The one table from code to HTTP status.
        public var status: HTTPResponse.Status {
            switch self {
            case .invalidJSON, .invalidUTF8, .invalidArticle, .unknownField, .invalidParameter, .invalidDate, .invalidCursor, .invalidLimit,
                .unknownTicker, .invalidRule:
                .badRequest
            case .conflict: .conflict
            case .unauthorized: .unauthorized
            case .forbidden: .forbidden
            case .notFound: .notFound
            case .methodNotAllowed: .methodNotAllowed
            case .bodyTooLarge: .contentTooLarge
            case .unsupportedMediaType: .unsupportedMediaType
            case .rateLimited: .tooManyRequests
            case .unavailable: .serviceUnavailable
            case .internal: .internalServerError
            }
        }

        var title: String {
            switch self {
            case .invalidJSON: "Malformed JSON"
            case .invalidUTF8: "Invalid UTF-8"
            case .invalidArticle: "Invalid article"
            case .unknownField: "Unknown field"
            case .invalidParameter: "Invalid parameter"
            case .invalidDate: "Invalid date"
            case .invalidCursor: "Invalid cursor"
            case .invalidLimit: "Invalid page size"
            case .unknownTicker: "Unknown ticker"
            case .invalidRule: "Invalid rule"
            case .conflict: "Conflict"
            case .unauthorized: "Missing or invalid API key"
            case .forbidden: "Not allowed for this key"
            case .notFound: "Not found"
            case .methodNotAllowed: "Method not allowed"
            case .bodyTooLarge: "Request body too large"
            case .unsupportedMediaType: "Unsupported media type"
            case .rateLimited: "Too many requests"
            case .unavailable: "Not ready"
            case .internal: "Internal error"
            }
        }
    }

    public var code: Code
    public var detail: String
    /// Seconds to wait before trying again (429, 503).
    public var retryAfter: Int?
    /// Per-item problems (a batch with bad lines).
    public var errors: [(line: Int, detail: String)] = []
    /// Where in a rule's query the error is (0-based character offset).
    public var position: Int?

    public init(_ code: Code, _ detail: String, retryAfter: Int? = nil) {
        self.code = code
        self.detail = detail
        self.retryAfter = retryAfter
    }

    public var status: HTTPResponse.Status { code.status }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var w = JSONWriter(capacity: 256)
        w.beginObject()
        w.field("type", "https://tickerwire.dev/problems/\(code.rawValue)")
        w.field("title", code.title)
        w.field("status", code.status.code)
        w.field("detail", detail)
        w.field("code", code.rawValue)
        w.field("instance", request.uri.path)
        if let position { w.field("position", position) }
        if !errors.isEmpty {
            w.objects("errors", errors.prefix(100)) { w, e in
                w.field("line", e.line)
                w.field("detail", e.detail)
            }
        }
        w.endObject()
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        if code == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        return Response(status: code.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: w.bytes)))
    }
}
