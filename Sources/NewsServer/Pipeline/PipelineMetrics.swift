import Foundation
import Metrics

/// The pipeline's counts and timings, through swift-metrics (the server exports them as Prometheus text):
/// `tickerwire_articles_total{stage, source}` for in, analysed, stored, duplicate and rejected;
/// `tickerwire_source_lag_seconds{source}`, how long after its publication the newest article of a source was
/// stored; `tickerwire_pipeline_seconds`, submit to commit; `tickerwire_pipeline_queue_articles`, waiting.
struct PipelineMetrics: Sendable {
    let factory: any MetricsFactory

    enum Stage: String, Sendable, CaseIterable {
        case received = "in"
        case analysed, stored, duplicate, rejected
    }

    func count(_ stage: Stage, source: String, _ n: Int = 1) {
        guard n > 0 else { return }
        Counter(label: "tickerwire_articles_total", dimensions: [("stage", stage.rawValue), ("source", source)], factory: factory)
            .increment(by: n)
    }

    func lag(source: String, seconds: Double) {
        Gauge(label: "tickerwire_source_lag_seconds", dimensions: [("source", source)], factory: factory).record(max(0, seconds))
    }

    func latency(seconds: Double) {
        Metrics.Timer(label: "tickerwire_pipeline_seconds", dimensions: [], factory: factory).recordSeconds(seconds)
    }

    func queueDepth(_ articles: Int) {
        Gauge(label: "tickerwire_pipeline_queue_articles", dimensions: [], factory: factory).record(articles)
    }
}
