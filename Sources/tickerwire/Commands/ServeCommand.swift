import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Metrics
import NewsServer
import NewsStore
import NewsStorePostgres
import Prometheus

/// `tickerwire serve`: the API, live streams and source polling, on the embedded store by default.
struct ServeCommand: AsyncCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the API (native and Benzinga-compatible), live streams and source polling.",
        discussion: """
            With no flags: http://127.0.0.1:8080, data in ./data/tickerwire.sqlite (created on first start). With \
            --database postgres://…, several nodes share that PostgreSQL database (see README "Running several nodes"). \
            Flags override the environment (TICKERWIRE_HOST, TICKERWIRE_PORT, TICKERWIRE_DATA, TICKERWIRE_DATABASE, \
            TICKERWIRE_RATE_LIMIT, TICKERWIRE_WEBHOOK_LEASE), which overrides the config file (--config, or ./tickerwire.json). \
            TICKERWIRE_ADMIN_KEY seeds an admin API key; without it and with no keys stored, an admin key is made \
            and printed once. Sources declared in DATA/sources.json (or --config) are polled. Ctrl-C or SIGTERM stops \
            gracefully: articles already accepted are stored first.
            """)

    @Option(help: "Address to listen on (default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on (default 8080; 0 picks a free one).")
    var port: Int?

    @Option(help: "Data directory (default ./data).")
    var data: String?

    @Option(help: "Requests a second allowed per API key (default 1000).")
    var rateLimit: Double?

    @Option(
        help:
            "A JSON config file: {\"server\": {host, port, data, rate_limit, max_body_bytes}, \"sources\": [...]} (default ./tickerwire.json when present; sources also from DATA/sources.json)."
    )
    var config: String?

    @Option(help: "A PostgreSQL URL (postgres://user:password@host:port/database), for several nodes sharing one database.")
    var database: String?

    func runAsync() async throws {
        var settings = ServerSettings()
        let file = config ?? (FileManager.default.fileExists(atPath: "tickerwire.json") ? "tickerwire.json" : nil)
        do {
            if let file {
                guard let contents = FileManager.default.contents(atPath: file) else { throw SettingsError("cannot be read") }
                do {
                    try settings.apply(configFile: contents)
                } catch {
                    throw SettingsError("\(file): \(error)")
                }
            }
            settings = try ServerSettings.fromEnvironment(over: settings)
        } catch {
            throw ValidationError("\(error)")
        }
        if let host { settings.host = host }
        if let port {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
            settings.port = port
        }
        if let data { settings.data = data }
        if let database { settings.database = database }
        if let rateLimit {
            guard rateLimit > 0 else { throw ValidationError("--rate-limit must be positive") }
            settings.rateLimit = rateLimit
        }
        try FileManager.default.createDirectory(atPath: settings.data, withIntermediateDirectories: true)
        let store: any TickerwireServer.Store
        var sqlite: SQLiteNewsStore?
        if let url = settings.database {
            do {
                store = try await PostgresNewsStore.open(url: url)
            } catch {
                throw ValidationError("--database: cannot open the PostgreSQL database: \(String(reflecting: error))")
            }
        } else {
            sqlite = try SQLiteNewsStore(path: settings.databasePath)
            store = sqlite!
        }
        try await Self.seedAdminKey(store)
        if let file { _ = try await SourcesCommand.addDeclared(config: file, data: settings.data, to: store) }
        _ = try await SourcesCommand.addDeclared(config: nil, data: settings.data, to: store)

        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let logger = Logger(label: "tickerwire")
        let analyzer = try AnalyzerSetup.analyzer(data: settings.data)
        let (host, path) = (settings.host, settings.database.map { _ in "PostgreSQL" } ?? settings.databasePath)
        let app = try await TickerwireServer.buildApplication(
            settings: settings, store: store, analyzer: analyzer, registry: registry, logger: logger,
            onServerRunning: { port in
                // One line on standard output, so scripts (and tests) can find the port.
                FileHandle.standardOutput.write(Data("tickerwire: serving http://\(host):\(port) with data in \(path)\n".utf8))
            })
        try await app.runService()
        try sqlite?.checkpoint()
    }

    /// `TICKERWIRE_ADMIN_KEY` becomes an admin key; with none and no keys at all, one is made and printed once.
    static func seedAdminKey(_ store: any KeyStore) async throws {
        if let given = ProcessInfo.processInfo.environment["TICKERWIRE_ADMIN_KEY"], !given.isEmpty {
            guard given.count >= 16 else { throw ValidationError("TICKERWIRE_ADMIN_KEY must be at least 16 characters") }
            if try await store.activeKey(hash: APIKeys.hash(given)) == nil {
                let record = APIKeys.record(forKey: given, name: "TICKERWIRE_ADMIN_KEY", scope: .admin, now: Date())
                if try await store.keys().contains(where: { $0.id == record.id }) {
                    throw ValidationError("TICKERWIRE_ADMIN_KEY was revoked; set a new one")
                }
                do {
                    try await store.addKey(record)
                } catch {
                    // Another node sharing the database may have added it at the same moment.
                    guard try await store.activeKey(hash: record.hash) != nil else { throw error }
                }
            }
            return
        }
        if try await store.keys().isEmpty {
            let made = APIKeys.make(name: "first admin key", scope: .admin, now: Date())
            try await store.addKey(made.record)
            FileHandle.standardOutput.write(Data("tickerwire: made an admin API key (shown once; keep it): \(made.key)\n".utf8))
        }
    }
}
