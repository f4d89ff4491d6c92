/// What a node tells the others through `NOTIFY` when it commits a change: only a hint to look now, never the change
/// itself. Whoever hears it reads the store from where it last was, so a lost hint delays and never loses anything.
public enum ChangeHint: Sendable, Hashable {
    /// Articles were added, up to this sequence number.
    case articles(upTo: Int64)
    /// This article was changed.
    case updated(Int64)
    /// This article was removed.
    case removed(Int64)
    /// These keys have new alerts (nil: too many to list; every key may).
    case alerts(keys: Set<String>?)
    /// Rules, watchlists or webhooks changed: reload them.
    case rules
    /// The connection to the database was lost and made again: hints may have been missed, so catch up.
    case reconnected

    static let channel = "tickerwire"
    /// `NOTIFY` payloads must stay under 8,000 bytes.
    static let maxPayload = 7900

    var payload: String {
        switch self {
        case .articles(let seq): "a:\(seq)"
        case .updated(let seq): "u:\(seq)"
        case .removed(let seq): "r:\(seq)"
        case .alerts(let keys):
            keys.map { keys in
                let list = "k:" + keys.sorted().joined(separator: ",")
                return list.utf8.count <= Self.maxPayload ? list : "k:*"
            } ?? "k:*"
        case .rules: "rules"
        case .reconnected: "reconnected"
        }
    }

    init?(payload: String) {
        let (head, tail) = (payload.prefix(2), payload.dropFirst(2))
        switch head {
        case "a:": guard let s = Int64(tail) else { return nil }; self = .articles(upTo: s)
        case "u:": guard let s = Int64(tail) else { return nil }; self = .updated(s)
        case "r:": guard let s = Int64(tail) else { return nil }; self = .removed(s)
        case "k:": self = .alerts(keys: tail == "*" ? nil : Set(tail.split(separator: ",").map(String.init)))
        default:
            guard payload == "rules" else { return nil }
            self = .rules
        }
    }
}
