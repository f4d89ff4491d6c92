/// When to poll a feed next: its interval while it answers, and exponential backoff (with a cap, and the server's
/// `Retry-After` when it gave one) while it fails. Pure: the caller passes the time in.
public struct FeedBackoff: Sendable, Hashable, Codable {
    public var interval: Double
    public var maxDelay: Double
    public private(set) var failures = 0

    public init(interval: Double = 60, maxDelay: Double = 3600) {
        self.interval = interval
        self.maxDelay = maxDelay
    }

    /// Seconds until the next poll after a success (new items or not modified).
    public mutating func succeeded() -> Double {
        failures = 0
        return interval
    }

    /// Seconds until the next poll after a failure: interval × 2^failures, capped; never sooner than Retry-After.
    public mutating func failed(retryAfter: Double? = nil) -> Double {
        failures += 1
        var delay = interval
        for _ in 0..<min(failures, 20) { delay *= 2 }
        delay = min(delay, maxDelay)
        if let retryAfter { delay = max(delay, retryAfter) }
        return delay
    }
}
