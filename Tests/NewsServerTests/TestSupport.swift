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

    /// Runs the services in a group until `done` holds (checked every 50 ms, for at most `timeout` seconds), then
    /// shuts them down gracefully. Returns whether `done` held.
    @discardableResult
    static func run(_ services: [any Service], timeout: Double = 20, until done: @escaping @Sendable () async throws -> Bool) async throws -> Bool {
        let group = ServiceGroup(services: services, gracefulShutdownSignals: [], cancellationSignals: [], logger: Logger(label: "test"))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let deadline = Date().addingTimeInterval(timeout)
            var held = false
            while !held && Date() < deadline {
                held = try await done()
                if !held { try await Task.sleep(for: .milliseconds(50)) }
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return held
        }
    }
}
