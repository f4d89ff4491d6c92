import Crypto
import Foundation
import NewsModel

/// Standard Webhooks 1.0 signing: `webhook-signature: v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`, keyed
/// by the endpoint's secret `whsec_<base64>` (the bytes after the prefix, base64-decoded).
public enum WebhookSignature {
    /// A new endpoint secret: 24 random bytes.
    public static func newSecret() -> String {
        "whsec_" + Data(RandomID.randomBytes(24)).base64EncodedString()
    }

    public static func sign(id: String, timestamp: Int, body: [UInt8], secret: String) -> String {
        let key = SymmetricKey(data: Data(base64Encoded: String(secret.dropFirst("whsec_".count))) ?? Data(secret.utf8))
        var message = Array("\(id).\(timestamp).".utf8)
        message += body
        return "v1," + Data(HMAC<SHA256>.authenticationCode(for: message, using: key)).base64EncodedString()
    }

    /// Whether a `webhook-signature` header (space-separated, possibly several) carries this body's signature.
    public static func verify(header: String, id: String, timestamp: Int, body: [UInt8], secret: String) -> Bool {
        let expected = sign(id: id, timestamp: timestamp, body: body, secret: secret)
        return header.split(separator: " ").contains { $0 == expected }
    }
}
