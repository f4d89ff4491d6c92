/// A store that other processes write too (several nodes on one database): it tells each of them when the others
/// change something. A `StoreChange` is only a hint to look now: whoever hears it reads the store from where it last
/// was, so a lost hint delays and never loses anything.
public protocol SharedStore: Sendable {
    /// The changes committed by any node, this one included, for as long as the caller reads. After the connection
    /// was lost and made again, `.reconnected` (changes meanwhile were not heard).
    func changes() -> AsyncStream<StoreChange>
}

public enum StoreChange: Sendable, Hashable {
    /// Articles were added, up to this sequence number.
    case articles(upTo: Int64)
    /// This article was changed.
    case updated(Int64)
    /// This article was removed.
    case removed(Int64)
    /// These keys have new alerts (nil: too many to list; any key may).
    case alerts(keys: Set<String>?)
    /// Rules, watchlists or webhooks changed.
    case rules
    /// Hints may have been missed: catch up.
    case reconnected
}
