import Foundation

/// Random identifiers and secrets: a prefix that says what it names (`alt_`, `msg_`, `whk_`) and random bytes in
/// base64url.
public enum RandomID {
    public static func make(_ prefix: String, bytes: Int = 12) -> String {
        prefix + base64url(randomBytes(bytes))
    }

    /// Bytes from the system's secure generator, eight at a time (one system call each, not one a byte).
    public static func randomBytes(_ n: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(n + 8)
        while bytes.count < n { withUnsafeBytes(of: generator.next()) { bytes += $0 } }
        return Array(bytes.prefix(n))
    }

    public static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
