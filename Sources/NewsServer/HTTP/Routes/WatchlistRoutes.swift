import Foundation
import Hummingbird
import NewsAnalysis
import NewsModel
import NewsStore

/// `/v1/watchlists`: a key's named ticker lists, which its rules use as `ticker:@name`. Changing one re-files the
/// rules that name it at once.
struct WatchlistRoutes {
    let store: any AlertStore
    let alerts: AlertRules
    let master: SecurityMaster
    let clock: @Sendable () -> Date

    static let example = #"{"name": "core", "tickers": ["AAPL", "MSFT"]}"#

    func register(on router: Router<APIRequestContext>) {
        router.post("/v1/watchlists") { request, context in
            let key = try context.requireKey()
            let body = try await JSONObjectBody(request, fields: ["name", "tickers"], example: Self.example)
            let w = Watchlist(
                id: RandomID.make("wl_"), keyID: key.id, name: try Self.name(body), tickers: try tickers(body, required: true)!, created: clock())
            try await save(w)
            return Response.json(Self.json(w), status: .created)
        }
        router.get("/v1/watchlists") { request, context in
            let key = try context.requireKey()
            return try ListPage.response(try await store.watchlists(keyID: key.id), request, field: "watchlists") { w, list in Self.write(list, &w) }
        }
        router.get("/v1/watchlists/:id") { _, context in
            Response.json(Self.json(try await find(context)))
        }
        router.put("/v1/watchlists/:id") { request, context in
            var w = try await find(context)
            let body = try await JSONObjectBody(request, fields: ["name", "tickers"], example: Self.example)
            if body.object["name"] != nil { w.name = try Self.name(body) }
            if let tickers = try tickers(body, required: false) { w.tickers = tickers }
            try await save(w)
            return Response.json(Self.json(w))
        }
        router.delete("/v1/watchlists/:id") { _, context in
            let w = try await find(context)
            let users = alerts.rules(keyID: w.keyID, naming: w.name)
            guard users.isEmpty else {
                throw APIError(.conflict, "rules use this watchlist (\(users.prefix(5).joined(separator: ", "))): change or delete them first")
            }
            _ = try await store.deleteWatchlist(id: w.id, keyID: w.keyID)
            alerts.removeWatchlist(keyID: w.keyID, name: w.name)
            return Response(status: .noContent)
        }
    }

    private func save(_ w: Watchlist) async throws {
        do {
            try await store.saveWatchlist(w)
        } catch AlertStoreError.nameTaken(let name) {
            throw APIError(.conflict, "this key has a watchlist named \(name) already")
        }
        alerts.setWatchlist(w)
    }

    private func find(_ context: APIRequestContext) async throws -> Watchlist {
        try await context.owned("watchlist", { try await store.watchlists(keyID: $0) }, id: \.id)
    }

    /// A name a rule can write after `@`: letters, digits, `_` and `-`.
    private static func name(_ body: JSONObjectBody) throws -> String {
        let name = try body.string("name", required: true)!
        guard name.count <= 64, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
            throw APIError(.invalidParameter, "name must be up to 64 letters, digits, _ or - (rules write it as ticker:@name)")
        }
        return name
    }

    private func tickers(_ body: JSONObjectBody, required: Bool) throws -> [String]? {
        guard let list = try body.strings("tickers") else {
            if required { throw APIError(.invalidParameter, "tickers is required: \(Self.example)") }
            return nil
        }
        guard list.count <= 5000 else { throw APIError(.invalidParameter, "a watchlist holds up to 5,000 tickers") }
        return Array(NSOrderedSet(array: try TickerCheck(master: master).checked(list))) as? [String] ?? []
    }

    static func json(_ w: Watchlist) -> [UInt8] {
        JSONWriter.object { write(w, &$0) }
    }

    /// The fields of a watchlist.
    static func write(_ list: Watchlist, _ w: inout JSONWriter) {
        w.field("id", list.id)
        w.field("name", list.name)
        w.strings("tickers", list.tickers)
        w.field("created", DateParsing.isoString(list.created))
    }
}
