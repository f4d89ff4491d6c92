import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A one-line progress report on standard error for long work: articles, rate, share of the input and time left.
/// Redrawn at most ten times a second, and only on a terminal.
final class ProgressLine {
    private let enabled: Bool
    private let totalBytes: Int
    private let start = DispatchTime.now().uptimeNanoseconds
    private var lastDraw: UInt64 = 0

    init(enabled: Bool, totalBytes: Int) {
        self.enabled = enabled
        self.totalBytes = totalBytes
    }

    var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

    func update(bytes: Int, articles: Int) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - lastDraw > 100_000_000 else { return }
        lastDraw = now
        let t = elapsed
        var line = "\r\(articles) articles  \(Int(Double(articles) / max(t, 0.001)))/s"
        if totalBytes > 0 {
            let share = min(1, Double(bytes) / Double(totalBytes))
            let width = 24
            let filled = Int(share * Double(width))
            line += "  [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
            line += String(format: " %3.0f%%", share * 100)
            if share > 0.01 { line += "  ETA " + Self.clock(t / share - t) }
        }
        FileHandle.standardError.write(Data((line + "   ").utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
