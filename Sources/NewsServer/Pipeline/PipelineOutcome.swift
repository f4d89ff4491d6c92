import NewsStore

/// What the pipeline did with one submitted article.
public enum PipelineOutcome: Sendable, Hashable {
    /// Committed: added, updated or found to be a duplicate.
    case stored(IngestOutcome)
    /// Not stored, and why (it will not be stored if sent again as it is).
    case rejected(reason: String)
}

/// Why a submission was not taken at all.
public enum PipelineError: Error, CustomStringConvertible, Sendable {
    /// The pipeline is shutting down and takes no more work.
    case closed

    public var description: String {
        switch self {
        case .closed: "the pipeline is shutting down"
        }
    }
}
