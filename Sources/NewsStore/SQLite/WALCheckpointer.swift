import Foundation
import GRDB

/// Copies the write-ahead log back into the database file on a connection and thread of its own.
///
/// SQLite's automatic checkpoint runs inside the commit that crosses the threshold, on the one writer thread, and
/// ends with an fsync: in a bulk ingest the writer then sat idle for a large share of the time. A passive
/// checkpoint here runs beside the writer (it never blocks it, nor readers), and requests while one is running
/// fold into the next.
final class WALCheckpointer: @unchecked Sendable {
    private let connection: DatabaseQueue
    private let walPath: String
    /// Past this size the log is restarted: a checkpoint that waits for the current commit, after which the
    /// writer starts the log from the beginning (passive checkpoints alone never get the chance in a bulk import).
    private let restartBytes: Int
    private let queue = DispatchQueue(label: "tickerwire.sqlite.checkpoint", qos: .utility)
    private let lock = NSLock()
    private var scheduled = false

    init(path: String, restartBytes: Int = 128 << 20) throws {
        walPath = path + "-wal"
        self.restartBytes = restartBytes
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.label = "tickerwire.sqlite.checkpoint"
        connection = try DatabaseQueue(path: path, configuration: config)
    }

    /// Copies everything back and empties the log, waiting for the writer if needed (at the end of an import).
    func truncate() throws {
        try queue.sync { _ = try connection.writeWithoutTransaction { try $0.checkpoint(.truncate) } }
    }

    /// Asks for a checkpoint soon (after a commit); does nothing when one is already waiting to run.
    func request() {
        let start = lock.withLock {
            defer { scheduled = true }
            return !scheduled
        }
        guard start else { return }
        queue.async { [self] in
            lock.withLock { scheduled = false }
            let walBytes = (try? FileManager.default.attributesOfItem(atPath: walPath)[.size] as? NSNumber)?.intValue ?? 0
            // Best effort: a checkpoint that cannot finish now (a reader on an old snapshot) finishes next time.
            _ = try? connection.writeWithoutTransaction { try $0.checkpoint(walBytes > restartBytes ? .restart : .passive) }
        }
    }
}
