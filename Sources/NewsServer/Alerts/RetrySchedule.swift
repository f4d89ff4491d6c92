import Foundation

/// When a failed webhook delivery is tried again (Standard Webhooks' schedule): 5 s, 5 min, 30 min, 2 h, 5 h, 10 h,
/// 10 h after each failure, each stretched or shrunk by up to `jitter` so that retries after an outage do not arrive
/// together. A `Retry-After` from the endpoint (429, 503) replaces the wait. Pure: the caller passes the random draw.
public struct RetrySchedule: Sendable, Hashable {
    public var delays: [Double]
    public var jitter: Double

    public static let standard = RetrySchedule(delays: [5, 300, 1800, 7200, 18_000, 36_000, 36_000], jitter: 0.2)

    public init(delays: [Double], jitter: Double = 0.2) {
        self.delays = delays
        self.jitter = jitter
    }

    /// After `attempts` failed attempts, the next one's time; nil when the retries are used up.
    /// - Parameter draw: a number in 0...1 (0.5 means no jitter).
    public func next(afterAttempts attempts: Int, now: Date, retryAfter: Double?, draw: Double) -> Date? {
        guard attempts >= 1, attempts <= delays.count else { return nil }
        if let retryAfter { return now.addingTimeInterval(min(retryAfter, 86_400)) }
        let delay = delays[attempts - 1] * (1 + jitter * (2 * draw - 1))
        return now.addingTimeInterval(delay)
    }
}
