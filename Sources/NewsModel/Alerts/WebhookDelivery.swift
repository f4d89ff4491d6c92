import Foundation

/// One alert on its way to one webhook: the same `id` (the `webhook-id` header) on every attempt.
public struct WebhookDelivery: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Codable {
        /// Waiting for its next attempt (or for its endpoint to be enabled again).
        case pending
        case delivered
        /// Out of retries.
        case failed
    }

    public var id: String
    public var webhookID: String
    public var keyID: String
    public var alertSeq: Int64
    public var status: Status
    public var attempts: [Attempt]
    public var nextAttempt: Date?
    public var created: Date
    /// The body as first sent: every retry sends the same bytes under the same signature scheme.
    public var payload: String?

    public struct Attempt: Sendable, Hashable, Codable {
        public var at: Date
        /// The endpoint's HTTP status, when it answered.
        public var status: Int?
        public var error: String?
        public var milliseconds: Double

        public init(at: Date, status: Int?, error: String?, milliseconds: Double) {
            self.at = at
            self.status = status
            self.error = error
            self.milliseconds = milliseconds
        }
    }

    public init(
        id: String, webhookID: String, keyID: String, alertSeq: Int64, status: Status, attempts: [Attempt] = [], nextAttempt: Date?,
        created: Date, payload: String? = nil
    ) {
        self.id = id
        self.webhookID = webhookID
        self.keyID = keyID
        self.alertSeq = alertSeq
        self.status = status
        self.attempts = attempts
        self.nextAttempt = nextAttempt
        self.created = created
        self.payload = payload
    }
}
