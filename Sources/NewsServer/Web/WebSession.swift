import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// A browser signed in with an API key. The key rides in an HttpOnly, SameSite=Strict cookie (page scripts cannot
/// read it, other sites cannot send it), and whatever changes something — a form, or the dashboard's own calls to
/// the API — also carries a CSRF token: an HMAC of the key, which another site can neither read nor compute.
enum WebSession {
    static let cookieName = "tickerwire_key"
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!
    static let csrfField = "csrf"
    /// A sign-in lasts 30 days, or until the key is revoked.
    static let lifetime = 30 * 86_400

    /// The key the browser signed in with, if any (not yet checked against the store).
    static func key(in request: Request) -> String? {
        guard let value = request.cookies[cookieName]?.value, !value.isEmpty else { return nil }
        return value
    }

    static func csrfToken(forKey key: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("tickerwire-csrf-v1".utf8), using: SymmetricKey(data: Data(key.utf8)))
        return Data(mac).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Whether `presented` is the key's token (compared in constant time).
    static func isValidCSRF(_ presented: String?, key: String) -> Bool {
        guard let presented else { return false }
        let expected = Array(csrfToken(forKey: key).utf8)
        let given = Array(presented.utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// Signs the browser in (`secure` when the request came over HTTPS, as a proxy in front says).
    static func signIn(_ response: inout Response, key: String, secure: Bool) {
        response.setCookie(
            Cookie(name: cookieName, value: key, maxAge: lifetime, path: "/", secure: secure, httpOnly: true, sameSite: .strict))
    }

    static func signOut(_ response: inout Response) {
        response.setCookie(Cookie(name: cookieName, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
    }

    /// Whether the request came over HTTPS (directly, or through a proxy that says so).
    static func isSecure(_ request: Request) -> Bool {
        request.uri.scheme == .https || request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
    }
}
