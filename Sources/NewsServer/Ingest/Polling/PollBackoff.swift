/// When to poll a source next: its interval while it answers, and exponential backoff (capped, and never sooner
/// than the server's `Retry-After`) while it fails. Pure: the caller keeps the count of failures.
public enum PollBackoff {
    /// Seconds until the next poll after `failures` failures in a row (0: it answered): interval × 2^failures.
    public static func delay(interval: Double, failures: Int, retryAfter: Double? = nil, maxDelay: Double = 3600) -> Double {
        var delay = interval
        for _ in 0..<min(failures, 20) { delay *= 2 }
        delay = min(delay, max(maxDelay, interval))
        if let retryAfter { delay = max(delay, retryAfter) }
        return delay
    }
}
