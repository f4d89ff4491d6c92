import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `tickerwire serve` as the README starts it: a data folder created on first start, an admin key printed once,
/// articles pushed over HTTP, and everything still there after a restart.
@Suite(.serialized) struct ServeCommandTests {
    /// Starts `serve --port 0` with its data in `dir/data` (set through the environment) with posix_spawn (a long-lived child under Foundation's Process stalls other
    /// tests' waits) and returns its pid and the lines it printed once it is listening.
    static func start(in dir: URL, env: [String] = []) throws -> (pid_t, [String]) {
        let out = dir.appendingPathComponent("serve-\(UUID().uuidString).out").path
        let environment =
            ProcessInfo.processInfo.environment.filter { $0.key != "TICKERWIRE_ADMIN_KEY" }.map { "\($0.key)=\($0.value)" } + env
            + ["TICKERWIRE_DATA=\(dir.appendingPathComponent("data").path)"]
        let pid = try ChildProcess.spawn([AnalyzeCommandTests.binary.path, "serve", "--port", "0"], environment: environment, stdout: out)
        var lines: [String] = []
        for _ in 0..<400 where !lines.contains(where: { $0.contains("serving http") }) {
            usleep(50_000)
            lines = ((try? String(contentsOfFile: out, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }
        return (pid, lines)
    }

    static func stop(_ pid: pid_t) -> Int32 {
        ChildProcess.stop(pid)
    }

    static func call(_ url: String, key: String, body: String? = nil) throws -> (Int, String) {
        // curl keeps this test free of an HTTP client of its own.
        var args = ["curl", "-s", "-o", "-", "-w", "\n%{http_code}", "-H", "Authorization: Bearer \(key)", url]
        if let body { args += ["-H", "Content-Type: application/json", "--data-binary", body] }
        let r = try AnalyzeCommandTests.run(args, executable: "/usr/bin/env")
        let parts = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(parts.last ?? "") ?? 0, parts.dropLast().joined(separator: "\n"))
    }

    @Test func serveCreatesItsDataPrintsAKeyAndKeepsEverythingAcrossARestart() throws {
        let dir = try IngestCommandTests.tempDir()
        var (pid, lines) = try Self.start(in: dir)
        let key = try #require(lines.first { $0.contains("admin API key") }?.split(separator: " ").last.map(String.init), "\(lines)")
        var base = try #require(lines.first { $0.contains("serving http") }?.split(separator: " ").first { $0.hasPrefix("http") }.map(String.init))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("data/tickerwire.sqlite").path))
        let (status, body) = try Self.call(
            base + "/v1/articles", key: key,
            body: #"{"id": "r1", "title": "Nvidia raises guidance", "body": "Nvidia Corp NVDA raised its outlook.", "source": "wire"}"#)
        #expect(status == 202, "\(body)")
        #expect(Self.stop(pid) == 0, "a graceful stop exits 0")

        (pid, lines) = try Self.start(in: dir)
        defer { _ = Self.stop(pid) }
        #expect(!lines.contains { $0.contains("admin API key") }, "the key is made once")
        base = try #require(lines.first { $0.contains("serving http") }?.split(separator: " ").first { $0.hasPrefix("http") }.map(String.init))
        let (again, found) = try Self.call(base + "/v1/articles?tickers=NVDA", key: key)
        #expect(again == 200)
        #expect(found.contains("Nvidia raises guidance"), "\(found)")
    }
}
