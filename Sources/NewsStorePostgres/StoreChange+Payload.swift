import NewsStore

/// `StoreChange`s as `NOTIFY` payloads on one channel.
extension StoreChange {
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
        case "a:":
            guard let s = Int64(tail) else { return nil }
            self = .articles(upTo: s)
        case "u:":
            guard let s = Int64(tail) else { return nil }
            self = .updated(s)
        case "r:":
            guard let s = Int64(tail) else { return nil }
            self = .removed(s)
        case "k:": self = .alerts(keys: tail == "*" ? nil : Set(tail.split(separator: ",").map(String.init)))
        default:
            guard payload == "rules" else { return nil }
            self = .rules
        }
    }
}
