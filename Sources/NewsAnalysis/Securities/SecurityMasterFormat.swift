import Foundation
import NewsModel

/// Parses the security master's files: the generated TSV, the curated alias file, and users' CSV imports.
public enum SecurityMasterFormat {
    /// A row that could not be used, with its 1-based line number and why.
    public struct RowError: Error, Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Reads `securities.tsv` (symbol, exchange, name, short_name, country, cik, isin, listings, status, prominence).
    public static func parseSecurities(_ text: String) -> [Instrument] {
        // Lines are independent: parse chunks of the file on all cores, then join them in file order.
        let bytes = Array(text.utf8)
        let chunks = 8
        var bounds = [0]
        for k in 1..<chunks {
            var at = max(bounds[k - 1], bytes.count * k / chunks)
            while at < bytes.count, bytes[at] != 10 { at += 1 }
            bounds.append(min(bytes.count, at + 1))
        }
        bounds.append(bytes.count)
        let cuts = bounds
        var parts = [[Instrument]](repeating: [], count: chunks)
        parts.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let slots = out.baseAddress!
            DispatchQueue.concurrentPerform(iterations: chunks) { k in
                slots[k] = parseSecurityLines(bytes[cuts[k]..<cuts[k + 1]])
            }
        }
        return parts.flatMap { $0 }
    }

    private static func parseSecurityLines(_ text: ArraySlice<UInt8>) -> [Instrument] {
        var out: [Instrument] = []
        out.reserveCapacity(text.count / 80)
        text.withUnsafeBufferPointer { u in
            func string(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: u[r]), as: UTF8.self) }
            // Fields by hand, on bytes: 33k lines of splitting and Character handling would dominate start-up.
            var fields = [Range<Int>](repeating: 0..<0, count: 10)
            var lineStart = 0
            let n = u.count
            while lineStart < n {
                var lineEnd = lineStart
                while lineEnd < n, u[lineEnd] != 10 { lineEnd += 1 }
                defer { lineStart = lineEnd + 1 }
                guard lineEnd > lineStart, u[lineStart] != UInt8(ascii: "#") else { continue }
                var f = 0
                var s = lineStart
                for k in lineStart...lineEnd where k == lineEnd || u[k] == 9 {
                    if f < 10 { fields[f] = s..<k }
                    f += 1
                    s = k + 1
                }
                guard f >= 10 else { continue }
                var listings: [Listing] = []
                var itemStart = fields[7].lowerBound
                for k in fields[7].lowerBound...fields[7].upperBound where k == fields[7].upperBound || u[k] == UInt8(ascii: "|") {
                    if let at = (itemStart..<k).first(where: { u[$0] == UInt8(ascii: "@") }) {
                        listings.append(Listing(symbol: string(itemStart..<at), exchange: string((at + 1)..<k)))
                    }
                    itemStart = k + 1
                }
                // Short names arrive cleaned by the generator (scripts/security_master.py drops listing labels).
                var aliases: [String] = []
                var aliasStart = fields[3].lowerBound
                for k in fields[3].lowerBound...fields[3].upperBound where k == fields[3].upperBound || u[k] == UInt8(ascii: "|") {
                    if k > aliasStart { aliases.append(string(aliasStart..<k)) }
                    aliasStart = k + 1
                }
                var prominence = 0
                for k in fields[9] where ByteClass.isDigit(u[k]) { prominence = prominence * 10 + Int(u[k] - 48) }
                let status = UnsafeBufferPointer(rebasing: u[fields[8]]).elementsEqual("former".utf8) ? Instrument.Status.former : .active
                out.append(
                    Instrument(
                        symbol: string(fields[0]), exchange: string(fields[1]), name: string(fields[2]), country: string(fields[4]),
                        cik: fields[5].isEmpty ? nil : string(fields[5]), isin: fields[6].isEmpty ? nil : string(fields[6]), aliases: aliases,
                        listings: listings, status: status, prominence: fields[9].isEmpty ? 40 : prominence))
            }
        }
        return out
    }

    /// Reads the curated alias file. Malformed lines are returned as errors; the rest are kept.
    public static func parseCurated(_ text: String) -> (entries: [CuratedEntry], errors: [RowError]) {
        var entries: [CuratedEntry] = []
        var errors: [RowError] = []
        let day = DateParsing.day
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.first == "#" { continue }
            let c = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard c.count >= 3 else {
                errors.append(RowError(line: n + 1, message: "expected kind, symbol and value separated by tabs"))
                continue
            }
            switch c[0] {
            case "brand": entries.append(.brand(symbol: c[1], name: c[2]))
            case "listing":
                guard c.count >= 4 else {
                    errors.append(RowError(line: n + 1, message: "listing needs the company's symbol, the other symbol and its exchange"))
                    continue
                }
                entries.append(.listing(symbol: c[1], listing: Listing(symbol: c[2], exchange: c[3])))
            case "former_name": entries.append(.formerName(symbol: c[1], name: c[2]))
            case "former_symbol":
                guard c.count >= 4, let until = day(c[3]) else {
                    errors.append(RowError(line: n + 1, message: "former_symbol needs an end date as yyyy-mm-dd"))
                    continue
                }
                entries.append(.formerSymbol(symbol: c[1], old: c[2], until: until))
            case "instrument":
                let extra = c.count >= 4 ? c[3].split(separator: "|").map(String.init) : []
                entries.append(
                    .instrument(
                        Instrument(
                            symbol: c[1], exchange: extra.first ?? "", name: c[2], country: extra.count > 2 ? extra[2] : "",
                            status: extra.count > 1 && extra[1] == "former" ? .former : .active, prominence: 45)))
            default:
                errors.append(RowError(line: n + 1, message: "unknown kind '\(c[0])' (brand, listing, former_name, former_symbol, instrument)"))
            }
        }
        return (entries, errors)
    }

    /// Reads a user's CSV universe. The header names the columns: `symbol`, `name` (required), `exchange`,
    /// `country`, `isin`, `aliases` (separated by `|`). Bad rows are reported with their line numbers; good rows are kept.
    public static func parseCSV(_ text: String) -> (instruments: [Instrument], errors: [RowError]) {
        var rows = CSVReader.rows(text)
        guard !rows.isEmpty else { return ([], [RowError(line: 1, message: "the file is empty")]) }
        let header = rows.removeFirst().fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let sym = header.firstIndex(of: "symbol"), let name = header.firstIndex(of: "name") else {
            return (
                [], [RowError(line: 1, message: "the header must name the columns 'symbol' and 'name' (found: \(header.joined(separator: ", ")))")]
            )
        }
        func col(_ n: String) -> Int? { header.firstIndex(of: n) }
        var out: [Instrument] = []
        var errors: [RowError] = []
        for row in rows {
            let f = row.fields
            if f.count == 1, f[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }
            guard f.count == header.count else {
                errors.append(RowError(line: row.line, message: "expected \(header.count) fields, found \(f.count)"))
                continue
            }
            let symbol = f[sym].trimmingCharacters(in: .whitespaces).uppercased()
            let legal = f[name].trimmingCharacters(in: .whitespaces)
            guard !symbol.isEmpty, symbol.count <= 20, !symbol.contains(" ") else {
                errors.append(RowError(line: row.line, message: "symbol '\(f[sym])' must be 1 to 20 characters without spaces"))
                continue
            }
            guard !legal.isEmpty else {
                errors.append(RowError(line: row.line, message: "name is empty"))
                continue
            }
            let aliases = col("aliases").map { f[$0].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
            out.append(
                Instrument(
                    symbol: symbol, exchange: col("exchange").map { f[$0] } ?? "", name: legal,
                    country: col("country").map { f[$0] } ?? "", isin: col("isin").flatMap { f[$0].isEmpty ? nil : f[$0] },
                    aliases: aliases.filter { !$0.isEmpty }, prominence: 90))
        }
        return (out, errors)
    }
}
