import Foundation

/// Wakes one waiting task: the webhook sender sleeps on it until the pipeline commits alerts (or a timeout passes).
/// A signal with nobody waiting is kept for the next wait, so none is missed.
final class WakeSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var pending = false
    private var waiter: CheckedContinuation<Void, Never>?

    func signal() {
        let w: CheckedContinuation<Void, Never>? = lock.withLock {
            if let w = waiter {
                waiter = nil
                return w
            }
            pending = true
            return nil
        }
        w?.resume()
    }

    /// Returns at the next signal (at once if one came since the last wait), or after `timeout` seconds.
    func wait(timeout: Double) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.waitForSignal() }
            group.addTask {
                // Cancelled when the signal came first: then no timeout signal is left behind.
                guard (try? await Task.sleep(for: .seconds(timeout))) != nil else { return }
                self.signal()
            }
            await group.next()
            group.cancelAll()
        }
    }

    private func waitForSignal() async {
        await withCheckedContinuation { c in
            let now: Bool = lock.withLock {
                if pending {
                    pending = false
                    return true
                }
                waiter = c
                return false
            }
            if now { c.resume() }
        }
    }
}
