import Foundation
import Logging
import NewsAnalysis
import NewsStore
import ServiceLifecycle

/// What the server tests share: the shipped security master (loaded once), fresh stores, and running services.
enum TestSupport {
    static let analyzer = NewsAnalyzer(master: try! SecurityMaster.bundled())

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tickerwire-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func freshStore() throws -> SQLiteNewsStore {
        try SQLiteNewsStore(path: temporaryDirectory().appendingPathComponent("news.sqlite").path)
    }

    /// Runs `body` while the services run in a group, then shuts them down gracefully.
    static func whileRunning<T: Sendable>(_ services: [any Service], _ body: @Sendable () async throws -> T) async throws -> T {
        let group = ServiceGroup(services: services, gracefulShutdownSignals: [], cancellationSignals: [], logger: Logger(label: "test"))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let result = try await body()
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return result
        }
    }

    /// Runs the services until `done` holds (checked every 50 ms, for at most `timeout` seconds), then shuts them
    /// down gracefully. Returns whether `done` held.
    @discardableResult
    static func run(_ services: [any Service], timeout: Double = 20, until done: @escaping @Sendable () async throws -> Bool) async throws -> Bool {
        try await whileRunning(services) {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if try await done() { return true }
                try await Task.sleep(for: .milliseconds(50))
            }
            return false
        }
    }
}
