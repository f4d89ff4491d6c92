import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Long-lived children of the tests (servers, receivers), started with posix_spawn: a long-lived child under
/// Foundation's Process stalls other tests' waits.
enum ChildProcess {
    /// Starts `args` with standard output to `stdout` and standard error discarded; `environment` replaces the
    /// test's own when given.
    static func spawn(_ args: [String], environment: [String]? = nil, stdout: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        let env = environment ?? ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        var envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup($0) } + [nil]
        defer { for e in envp { free(e) } }
        // The test runner blocks some signals; a child would inherit that and never hear SIGTERM.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGTERM, SIGINT, SIGPIPE] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, args[0], &actions, &attributes, &argv, &envp)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EINVAL) }
        return pid
    }

    /// Sends `signal` and waits for the child (killing it after `grace` seconds); returns its wait status.
    @discardableResult
    static func stop(_ pid: pid_t, signal: Int32 = SIGTERM, grace: Double = 20) -> Int32 {
        kill(pid, signal)
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(grace)
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                break
            }
            usleep(20_000)
        }
        return status
    }
}
