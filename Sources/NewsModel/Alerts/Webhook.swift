import Foundation

/// A key's webhook endpoint (Standard Webhooks): where its rules' alerts are POSTed, signed with `secret`.
public struct Webhook: Sendable, Hashable, Codable {
    public var id: String
    public var keyID: String
    public var url: String
    /// `whsec_` and the base64 of the signing key.
    public var secret: String
    /// False once the endpoint answered 410 Gone (or its owner disabled it); its deliveries wait until re-enabled.
    public var enabled: Bool
    public var disabledReason: String?
    public var created: Date

    public init(id: String, keyID: String, url: String, secret: String, enabled: Bool = true, disabledReason: String? = nil, created: Date) {
        self.id = id
        self.keyID = keyID
        self.url = url
        self.secret = secret
        self.enabled = enabled
        self.disabledReason = disabledReason
        self.created = created
    }
}
