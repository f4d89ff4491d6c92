import ArgumentParser
import Foundation
import Logging
import NewsModel
import NewsServer
import NewsStore
import ServiceLifecycle

/// `tickerwire sources add|list|remove|run`: the feeds, APIs and folders news is polled from.
struct SourcesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "Manage the feeds, JSON APIs and folders news is polled from, and poll them.",
        discussion: """
            Sources live in the news store with their polling state (validators, failures, next poll, files seen), \
            so a restart carries on where it stopped. They can also be declared in a config file (see `run --config`).
            """,
        subcommands: [Add.self, List.self, Remove.self, Run.self])

    struct Add: AsyncCommand {
        static let configuration = CommandConfiguration(abstract: "Add a source, or change the settings of the one at LOCATION.")

        @OptionGroup var location: StoreLocation

        @Argument(help: "A feed or API URL, or a folder.")
        var source: String

        @Option(help: "feed (RSS or Atom), json (a JSON or NDJSON API) or directory; by default a URL is a feed and a path a folder.")
        var kind: SourceConfig.Kind?

        @Option(help: "Source name stored with its articles (default: the host, or the folder's name).")
        var name: String?

        @Option(help: "Seconds between polls.")
        var interval: Double = 60

        @Option(help: "json only: a JSON file with the field mapping, e.g. {\"items\": \"data\", \"title\": \"headline\"}.")
        var mapping: String?

        func runAsync() async throws {
            let isURL = source.contains("://")
            let kind = self.kind ?? (isURL ? .feed : .directory)
            let place = kind == .directory ? URL(fileURLWithPath: source).standardizedFileURL.path : source
            var isFolder: ObjCBool = false
            if kind == .directory && (isURL || !FileManager.default.fileExists(atPath: place, isDirectory: &isFolder) || !isFolder.boolValue) {
                throw ValidationError("\(source): not an http(s) URL, and no such folder")
            }
            var fields: FieldMapping? = nil
            if let mapping {
                guard let data = FileManager.default.contents(atPath: mapping) else { throw ValidationError("--mapping \(mapping): cannot be read") }
                do {
                    fields = try JSONDecoder().decode(FieldMapping.self, from: data)
                } catch {
                    throw ValidationError("--mapping \(mapping): not a field mapping: \(error)")
                }
            }
            let config = SourceConfig(kind: kind, location: place, name: name, interval: interval, mapping: fields)
            if let problem = config.problem { throw ValidationError(problem) }
            let saved = try await location.openOrCreate().saveSource(config)
            print("source \(saved.id): \(kind.rawValue) \(place) as \"\(config.name)\", every \(SourcesCommand.seconds(interval))")
        }
    }

    struct List: AsyncCommand {
        static let configuration = CommandConfiguration(abstract: "List the sources with their polling state.")

        @OptionGroup var location: StoreLocation

        func runAsync() async throws {
            let sources = try await location.openExisting().sources()
            if sources.isEmpty { print("no sources: add one with `tickerwire sources add URL|FOLDER`") }
            for s in sources {
                let st = s.state
                var line =
                    "\(s.id)\t\(s.config.kind.rawValue)\t\(s.config.name)\t\(s.config.location)\tevery \(SourcesCommand.seconds(s.config.interval))"
                line += "\t\(st.articles) articles"
                line += st.lastSuccess.map { "\tlast ok \(SourcesCommand.ago($0))" } ?? "\tnever polled"
                if st.failures > 0 { line += "\t\(st.failures) failures" }
                line += "\tnext \(st.nextPoll <= Date() ? "now" : "in " + SourcesCommand.seconds(st.nextPoll.timeIntervalSinceNow))"
                if let e = st.lastError { line += "\tlast error: \(e)" }
                print(line)
            }
        }
    }

    struct Remove: AsyncCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a source (its articles stay).")

        @OptionGroup var location: StoreLocation

        @Argument(help: "The source's URL, folder or id (as `list` shows).")
        var source: String

        func runAsync() async throws {
            let store = try location.openExisting()
            let all = try await store.sources()
            guard let match = all.first(where: { String($0.id) == source || $0.config.location == source }) else {
                throw ValidationError("no source \(source): `tickerwire sources list` shows them")
            }
            _ = try await store.removeSource(location: match.config.location)
            print("removed source \(match.id): \(match.config.location)")
        }
    }

    struct Run: AsyncCommand {
        static let configuration = CommandConfiguration(
            abstract: "Poll every source until interrupted, analysing and storing what arrives.",
            discussion: "Ctrl-C (or SIGTERM) stops gracefully: polls in flight finish and their articles are stored first.")

        @OptionGroup var location: StoreLocation

        @ArgumentParser.Flag(help: "Poll each due source once, store what arrives, and exit (for cron).")
        var once = false

        @Option(
            help:
                "A JSON file declaring sources ({\"sources\": [{\"kind\", \"location\", \"name\", \"interval\", \"mapping\"}]}); default DATA/sources.json when present."
        )
        var config: String?

        func runAsync() async throws {
            let store = try location.openOrCreate()
            let file = try await SourcesCommand.addDeclared(config: config, data: location.data, to: store)
            let sources = try await store.sources()
            guard !sources.isEmpty else {
                throw ValidationError("no sources: add one with `tickerwire sources add URL|FOLDER`, or declare them in \(file)")
            }
            LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
            let logger = Logger(label: "tickerwire")
            let pipeline = NewsPipeline(analyzer: try AnalyzerSetup.analyzer(data: location.data), store: store)
            logger.info("polling \(sources.count) sources into \(location.path)")
            if once {
                let group = ServiceGroup(services: [pipeline], gracefulShutdownSignals: [.sigterm, .sigint], cancellationSignals: [], logger: logger)
                try await withThrowingTaskGroup(of: Void.self) { tasks in
                    tasks.addTask { try await group.run() }
                    await SourcePollers.pollDue(registry: store, pipeline: pipeline, logger: logger)
                    await group.triggerGracefulShutdown()
                    try await tasks.waitForAll()
                }
                return
            }
            let group = ServiceGroup(
                services: [pipeline] + SourcePollers.all(registry: store, pipeline: pipeline, logger: logger),
                gracefulShutdownSignals: [.sigterm, .sigint], cancellationSignals: [], logger: logger)
            try await group.run()
        }
    }

    /// Adds the sources a config file declares (`--config`, or `DATA/sources.json` when present); returns its path.
    static func addDeclared(config: String?, data: String, to store: any SourceRegistry) async throws -> String {
        let file = config ?? (data as NSString).appendingPathComponent("sources.json")
        if config != nil || FileManager.default.fileExists(atPath: file) {
            let declared: [SourceConfig]
            do {
                declared = try SourcesFile.read(path: file)
            } catch {
                throw ValidationError(error.description)
            }
            for c in declared { _ = try await store.saveSource(c) }
        }
        return file
    }

    static func seconds(_ s: Double) -> String {
        s < 120 ? "\(Int(s.rounded())) s" : s < 7200 ? "\(Int((s / 60).rounded())) min" : "\(Int((s / 3600).rounded())) h"
    }

    static func ago(_ d: Date) -> String { seconds(Date().timeIntervalSince(d)) + " ago" }
}

extension SourceConfig.Kind: ExpressibleByArgument {}
