import Logging
import NewsStore
import ServiceLifecycle

/// A poller, seen as a service or as one round of polling.
protocol DuePolling: Sendable {
    var service: any Service { get }
    func pollDue() async
}

extension SourcePoller: DuePolling {
    var service: any Service { self }
}

/// The one list of polled source kinds: a poller each, all feeding one pipeline. (Push arrives through the HTTP API.)
public enum SourcePollers {
    public static func all(registry: any SourceRegistry, pipeline: NewsPipeline, logger: Logger) -> [any Service] {
        pollers(registry: registry, pipeline: pipeline, logger: logger).map(\.service)
    }

    /// Polls every due source of every kind once (see `SourcePoller.pollDue`).
    public static func pollDue(registry: any SourceRegistry, pipeline: NewsPipeline, logger: Logger) async {
        await withTaskGroup(of: Void.self) { group in
            for p in pollers(registry: registry, pipeline: pipeline, logger: logger) { group.addTask { await p.pollDue() } }
        }
    }

    private static func pollers(registry: any SourceRegistry, pipeline: NewsPipeline, logger: Logger) -> [any DuePolling] {
        [
            SourcePoller(FeedSource(), registry: registry, pipeline: pipeline, logger: logger),
            SourcePoller(JSONAPISource(), registry: registry, pipeline: pipeline, logger: logger),
            SourcePoller(FolderSource(), registry: registry, pipeline: pipeline, logger: logger),
        ]
    }
}
