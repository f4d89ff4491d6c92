import Foundation
import NewsAnalysis
import NewsModel

/// Builds the analyzer the commands share: the bundled security master plus the user's own universe,
/// imported with `tickerwire securities import` into `DATA/securities.csv`.
enum AnalyzerSetup {
    static func userUniverseFile(data: String) -> String { (data as NSString).appendingPathComponent("securities.csv") }

    static func analyzer(data: String) throws -> NewsAnalyzer {
        let analyzer = NewsAnalyzer(master: try master(data: data))
        processLifetime.append(analyzer)
        return analyzer
    }

    /// Analyzers live until the process exits: freeing 150k names and their automaton at exit is work nobody needs
    /// (it was a tenth of a short run's instructions).
    nonisolated(unsafe) private static var processLifetime: [NewsAnalyzer] = []

    static func master(data: String) throws -> SecurityMaster {
        var user: [Instrument] = []
        let file = userUniverseFile(data: data)
        if FileManager.default.fileExists(atPath: file) {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            user = SecurityMasterFormat.parseCSV(text).instruments
        }
        return try SecurityMaster.bundled(userInstruments: user, store: compiledStore(data: data))
    }

    /// Keeps the compiled security master in `DATA/cache/` so later runs start fast. Best effort: a directory that
    /// cannot be written only costs start-up time.
    static func compiledStore(data: String) -> SecurityMaster.CompiledStore {
        let dir = (data as NSString).appendingPathComponent("cache")
        let file: @Sendable (String) -> String = { key in (dir as NSString).appendingPathComponent("security-master-\(key).bin") }
        return SecurityMaster.CompiledStore(
            load: { key in readWhole(file(key)) },
            save: { key, bytes in
                let fm = FileManager.default
                guard (try? fm.createDirectory(atPath: dir, withIntermediateDirectories: true)) != nil else { return }
                // Older compiled masters are stale once the inputs change.
                for old in (try? fm.contentsOfDirectory(atPath: dir)) ?? [] where old.hasPrefix("security-master-") {
                    try? fm.removeItem(atPath: (dir as NSString).appendingPathComponent(old))
                }
                // Write then rename, so a concurrent reader never sees half a file.
                let temp = file(key) + ".\(getpid()).tmp"
                if fm.createFile(atPath: temp, contents: Data(bytes)) { _ = try? fm.moveItem(atPath: temp, toPath: file(key)) }
            })
    }
}

/// A file's bytes, read straight into the array (through `Data` they would be copied once more: 15 MB at every start),
/// or nil when it cannot be read whole.
private func readWhole(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0, st.st_size >= 0 else { return nil }
    let size = Int(st.st_size)
    var complete = false
    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buf, count in
        var at = 0
        while at < size {
            let n = read(fd, buf.baseAddress! + at, size - at)
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { break }
            at += n
        }
        // Bytes the file did not fill are left out: a short read (the file shrank) is not a whole file.
        count = at
        complete = at == size
    }
    return complete ? bytes : nil
}

/// Writes to standard error.
func printError(_ s: String) {
    FileHandle.standardError.write((s + "\n").data(using: .utf8)!)
}
