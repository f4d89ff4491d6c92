import Foundation
import NewsModel

/// The declared news sources and their polling state, kept with the articles so that a restart (or, on a shared
/// database, another node) carries on where the last poll stopped.
///
/// A poller claims the sources that are due with a lease: until the lease runs out, no other claim returns them.
/// Saving the state after the poll ends the lease.
public protocol SourceRegistry: Sendable {
    /// Adds a source, or changes the settings of the one at the same location (its state is kept).
    @discardableResult
    func saveSource(_ config: SourceConfig) async throws -> RegisteredSource

    /// All sources, in the order they were added.
    func sources() async throws -> [RegisteredSource]

    /// Removes the source at this location (its articles stay). False when there was none.
    func removeSource(location: String) async throws -> Bool

    /// Sources of `kind` whose next poll is due at `now` and that nobody holds, leased until `now + lease`.
    func claimDueSources(_ kind: SourceConfig.Kind, now: Date, lease: Double, limit: Int) async throws -> [RegisteredSource]

    /// Records the outcome of a poll and releases the lease.
    func saveState(_ state: SourceState, of id: Int64) async throws

    /// The earliest time a source of `kind` can next be claimed (its next poll, or the end of its lease), nil when
    /// there are none.
    func nextDuePoll(_ kind: SourceConfig.Kind) async throws -> Date?
}

/// A source with its id and state.
public struct RegisteredSource: Sendable, Hashable {
    public var id: Int64
    public var config: SourceConfig
    public var state: SourceState

    public init(id: Int64, config: SourceConfig, state: SourceState) {
        self.id = id
        self.config = config
        self.state = state
    }
}
