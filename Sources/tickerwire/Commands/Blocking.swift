import ArgumentParser
import Dispatch

/// Runs async work from this synchronous command and waits for it (the CLI has no event loop to return to).
func blocking<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var result: Result<T, any Error>?
    Task.detached {
        do { result = .success(try await work()) } catch { result = .failure(error) }
        done.signal()
    }
    done.wait()
    return try result!.get()
}

/// A command whose work is async. The root command stays synchronous: under an async root the synchronous
/// commands (analyze, ingest) lost a quarter of their speed (their `concurrentPerform` batches got fewer threads).
/// `run()` waits on the main thread while `runAsync()` runs on the cooperative pool.
protocol AsyncCommand: ParsableCommand {
    func runAsync() async throws
}

extension AsyncCommand {
    func run() throws {
        // The main thread only waits, so the command is never used from two threads at once.
        nonisolated(unsafe) let command = self
        try blocking { try await command.runAsync() }
    }
}
