/// Figures in one article that contradict each other, with the text that shows it.
public struct Flag: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The title's figure disagrees with the body's figure for the same thing ("$440M" against "$443 billion").
        case figureMismatch = "figure_mismatch"
        /// A stated direction contradicts its own figure ("closed higher", −1.4%).
        case directionMismatch = "direction_mismatch"
        /// A percentage change disagrees with the prices given beside it.
        case changeMismatch = "change_mismatch"
    }

    public var type: Kind
    public var detail: String
    /// The figures (as written) that disagree.
    public var evidence: [String]

    public init(type: Kind, detail: String, evidence: [String]) {
        self.type = type
        self.detail = detail
        self.evidence = evidence
    }
}

extension JSONWriter {
    /// `"flags": [{"type", "detail", "evidence"}]`, as CONTRACTS §1 shows them (the store and the API write the same).
    public mutating func flags(_ flags: [Flag]) {
        objects("flags", flags) { w, f in
            w.field("type", f.type.rawValue)
            w.field("detail", f.detail)
            w.strings("evidence", f.evidence)
        }
    }
}
