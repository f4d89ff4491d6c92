import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One polite GET for a poller: conditional (the ETag and Last-Modified the server gave last time), with a
/// deadline and a size limit, and a plain answer for every way it can go.
public struct HTTPGet: Sendable {
    /// What the server said last time, to send back (`If-None-Match`, `If-Modified-Since`).
    public struct Validators: Sendable, Hashable, Codable {
        public var etag: String?
        public var lastModified: String?
        public init(etag: String? = nil, lastModified: String? = nil) {
            self.etag = etag
            self.lastModified = lastModified
        }
    }

    public enum Outcome: Sendable {
        case body(Data, Validators)
        case notModified
        /// `retryAfter` when the server said (429/503 `Retry-After`, in seconds).
        case failed(reason: String, retryAfter: Double?)
    }

    public let timeout: Double
    public let maxBytes: Int
    private let client: HTTPClient

    /// The pollers' client: a refused connection fails at once (the shared client retries it until the deadline, and
    /// a dead feed should say "connection refused", not "timed out"); redirects are followed.
    public static let pollingClient: HTTPClient = {
        var config = HTTPClient.Configuration()
        config.connectionPool.retryConnectionEstablishment = false
        config.redirectConfiguration = .follow(max: 5, allowCycles: false)
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: config)
    }()

    public init(timeout: Double = 15, maxBytes: Int = 32 << 20, client: HTTPClient = HTTPGet.pollingClient) {
        self.timeout = timeout
        self.maxBytes = maxBytes
        self.client = client
    }

    public func fetch(_ url: URL, accept: String, validators: Validators = Validators()) async -> Outcome {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.headers.add(name: "User-Agent", value: "tickerwire/1 (+self-hosted news engine)")
        request.headers.add(name: "Accept", value: accept)
        if let etag = validators.etag { request.headers.add(name: "If-None-Match", value: etag) }
        if let lm = validators.lastModified { request.headers.add(name: "If-Modified-Since", value: lm) }
        let deadline = NIODeadline.now() + .milliseconds(Int64(timeout * 1000))
        do {
            let response = try await client.execute(request, deadline: deadline)
            switch response.status.code {
            case 304:
                return .notModified
            case 200..<300:
                let body = try await response.body.collect(upTo: maxBytes)
                return .body(
                    Data(body.readableBytesView),
                    Validators(etag: response.headers.first(name: "ETag"), lastModified: response.headers.first(name: "Last-Modified")))
            default:
                let retry = response.headers.first(name: "Retry-After").flatMap(Self.seconds(retryAfter:))
                return .failed(reason: "HTTP \(response.status.code) \(response.status.reasonPhrase)", retryAfter: retry)
            }
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            return .failed(reason: "timed out after \(Self.format(timeout)) s", retryAfter: nil)
        } catch let error as IOError {
            return .failed(reason: String(cString: strerror(error.errnoCode)).lowercased(), retryAfter: nil)
        } catch is NIOTooManyBytesError {
            return .failed(reason: "reply larger than \(maxBytes) bytes", retryAfter: nil)
        } catch {
            return .failed(reason: "\(error)", retryAfter: nil)
        }
    }

    /// `Retry-After` as seconds: a number, or an HTTP date.
    static func seconds(retryAfter value: String) -> Double? {
        if let s = Double(value.trimmingCharacters(in: .whitespaces)) { return max(0, s) }
        return FeedDate.parse(value).map { max(0, $0.timeIntervalSinceNow) }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
