import Foundation

/// Resumes a continuation with the first outcome it is given and ignores the rest (a race between a piece of work
/// and its deadline).
final class FirstOutcome<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Value, any Error>?
    private var early: Result<Value, any Error>?
    private var done = false

    func set(_ c: CheckedContinuation<Value, any Error>) {
        let ready: Result<Value, any Error>? = lock.withLock {
            guard let early else {
                continuation = c
                return nil
            }
            return early
        }
        if let ready { c.resume(with: ready) }
    }

    /// Gives the outcome; true when it was the first.
    @discardableResult
    func finish(with result: Result<Value, any Error>) -> Bool {
        let c: CheckedContinuation<Value, any Error>?? = lock.withLock {
            guard !done else { return .none }
            done = true
            guard let continuation else {
                early = result
                return .some(nil)
            }
            self.continuation = nil
            return .some(continuation)
        }
        switch c {
        case .none: return false
        case .some(let c):
            c?.resume(with: result)
            return true
        }
    }
}
