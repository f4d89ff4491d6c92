import NewsAnalysis
import NewsModel

/// The shipped security master, loaded once for all tests (it is immutable and thread-safe).
enum TestMaster {
    static let shared: SecurityMaster = try! SecurityMaster.bundled()
    static let analyzer = NewsAnalyzer(master: shared)

    static func symbols(_ title: String, _ body: String) -> [String] {
        analyzer.analyze(Article(title: title, body: body)).instruments.map(\.instrument.symbol)
    }
}
