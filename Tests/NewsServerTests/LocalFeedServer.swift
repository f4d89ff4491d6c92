import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The local HTTP server of these tests (`feed_server.py`): real HTTP on loopback serving feeds, a JSON API and the
/// ways servers fail.
enum LocalFeedServer {
    /// Starts the server (with posix_spawn, not Foundation's Process: a long-lived child under Process stalls the
    /// waits of other tests' children here) and returns its base URL and pid. The server writes its port to a file.
    static func start() throws -> (URL, pid_t) {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("feed_server.py")
        let portFile = FileManager.default.temporaryDirectory.appendingPathComponent("feed-port-\(UUID().uuidString)").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, portFile, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let args = ["/usr/bin/env", "python3", script.path]
        var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, "/usr/bin/env", &actions, nil, &argv, environ)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EINVAL) }
        var port = ""
        for _ in 0..<200 where port.isEmpty {
            usleep(25_000)
            port = ((try? String(contentsOfFile: portFile, encoding: .utf8)) ?? "").split(separator: "\n").first.map(String.init) ?? ""
        }
        return (URL(string: "http://127.0.0.1:\(port)")!, pid)
    }

    static func stop(_ pid: pid_t) {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }
}
