import Foundation

/// Random identifiers and secrets: a prefix that says what it names (`alt_`, `msg_`, `whk_`) and random bytes in
/// base64url.
public enum RandomID {
    public static func make(_ prefix: String, bytes: Int = 12) -> String {
        prefix + base64url(randomBytes(bytes))
    }

    public static func randomBytes(_ n: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<n).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    public static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
