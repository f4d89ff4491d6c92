/// A company-like name in the text ("Zhejiang Dahua Technology Co Ltd") that the security master does not list.
public struct Organization: Sendable, Hashable, Codable {
    public var name: String
    public var start: Int
    public var end: Int
    public var linked: Bool

    public init(name: String, start: Int, end: Int, linked: Bool = false) {
        self.name = name
        self.start = start
        self.end = end
        self.linked = linked
    }
}
