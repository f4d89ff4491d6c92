import ArgumentParser
import Foundation
import NewsAnalysis
import NewsStore

/// `--data`: where the news store lives, shared by the commands that read or write it.
struct StoreLocation: ParsableArguments {
    @Option(help: "Data directory: the store is DATA/tickerwire.sqlite.")
    var data: String = "./data"

    var path: String { (data as NSString).appendingPathComponent("tickerwire.sqlite") }

    /// The store, which must exist already (reading commands).
    func openExisting() throws -> SQLiteNewsStore {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("no news store at \(path): run `tickerwire ingest FILE` (or `serve`) first")
        }
        return try SQLiteNewsStore(path: path)
    }

    /// The store, created with its folder when missing (writing commands).
    func openOrCreate() throws -> SQLiteNewsStore {
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        return try SQLiteNewsStore(path: path)
    }
}

/// The filters `search` and `export` share: tickers, event types and a time range.
struct NewsFilters: ParsableArguments {
    @Option(help: "Tickers, comma-separated (e.g. AAPL,MSFT).")
    var tickers: String?

    @Option(help: "Event types, comma-separated (e.g. earnings,analyst_rating).")
    var events: String?

    @Option(help: "From this time or day (ISO 8601), inclusive.")
    var from: String?

    @Option(help: "Up to this time or day (ISO 8601), exclusive.")
    var to: String?

    /// Sets the filters on `query`; a time that is not ISO 8601 is a usage error naming its flag.
    func apply(to query: inout NewsQuery) throws {
        query.tickers = Self.list(tickers)
        query.eventTypes = Self.list(events)
        query.from = try from.map { try Self.time($0, "--from") }
        query.to = try to.map { try Self.time($0, "--to") }
    }

    static func list(_ s: String?) -> [String] {
        (s ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func time(_ s: String, _ flag: String) throws -> Date {
        guard let d = DateParsing.timestamp(s) else { throw ValidationError("\(flag) '\(s)' is not an ISO 8601 time or day, e.g. 2020-09-15") }
        return d
    }
}
