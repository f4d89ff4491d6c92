import Foundation
import Hummingbird
import NewsAnalysis

/// Reads query parameters, each a precise 400 when it is malformed (naming the parameter and what it takes).
struct QueryReader {
    let request: Request

    func string(_ name: String) -> String? {
        request.uri.queryParameters.get(name).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A comma-separated list, trimmed, empty items dropped.
    /// `1`, `true` or `yes` (and `0`, `false`, `no`); anything else is an error.
    func bool(_ name: String) throws -> Bool? {
        guard let v = string(name)?.lowercased() else { return nil }
        if ["1", "true", "yes"].contains(v) { return true }
        if ["0", "false", "no"].contains(v) { return false }
        throw APIError(.invalidParameter, "\(name) must be 1 or 0 (true or false), not \"\(v.prefix(20))\"")
    }

    func list(_ name: String) -> [String] {
        request.uri.queryParameters.getAll(name).flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func int(_ name: String, in range: ClosedRange<Int>, code: APIError.Code = .invalidParameter) throws -> Int? {
        guard let raw = string(name) else { return nil }
        guard let v = Int(raw), range.contains(v) else {
            throw APIError(code, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(raw.prefix(40))\"")
        }
        return v
    }

    func double(_ name: String, in range: ClosedRange<Double>) throws -> Double? {
        guard let raw = string(name) else { return nil }
        guard let v = Double(raw), range.contains(v) else {
            throw APIError(.invalidParameter, "\(name) must be a number from \(range.lowerBound) to \(range.upperBound), not \"\(raw.prefix(40))\"")
        }
        return v
    }

    /// An ISO 8601 time or a `yyyy-mm-dd` day.
    func time(_ name: String) throws -> Date? {
        guard let raw = string(name) else { return nil }
        guard let d = DateParsing.timestamp(raw) else {
            throw APIError(.invalidDate, "\(name) must be an ISO 8601 time or a yyyy-mm-dd day, not \"\(raw.prefix(40))\"")
        }
        return d
    }

    /// A `yyyy-mm-dd` day (Benzinga's `date`, `dateFrom`, `dateTo`).
    func day(_ name: String) throws -> Date? {
        guard let raw = string(name) else { return nil }
        guard raw.count == 10, let d = DateParsing.timestamp(raw) else {
            throw APIError(.invalidDate, "\(name) must be a yyyy-mm-dd day, not \"\(raw.prefix(40))\"")
        }
        return d
    }

    /// Unix seconds (Benzinga's `updatedSince`, `publishedSince`).
    func unixTime(_ name: String) throws -> Date? {
        guard let raw = string(name) else { return nil }
        guard let t = Int64(raw), t >= 0, t < 100_000_000_000 else {
            throw APIError(.invalidDate, "\(name) must be a time in Unix seconds, not \"\(raw.prefix(40))\"")
        }
        return Date(timeIntervalSince1970: Double(t))
    }
}

/// Symbols a request names must be ones the security master knows.
struct TickerCheck {
    let master: SecurityMaster

    func checked(_ tickers: [String]) throws -> [String] {
        try tickers.map { raw in
            let symbol = raw.uppercased()
            guard master.instrument(symbol: symbol) != nil || !master.instruments(matching: symbol).isEmpty else {
                throw APIError(.unknownTicker, "\(raw) is not a symbol this server knows; GET /v1/instruments?q= finds symbols by name")
            }
            return symbol
        }
    }
}

extension Response {
    static func json(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
