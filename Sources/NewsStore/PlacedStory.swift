import NewsModel

/// A stored article's place among stories: its story, and what the story index kept of it. Read back when a node
/// starts (its index was lost with the process) and, on a shared database, as other nodes store articles, so every
/// node clusters and counts repeats as one index would.
public struct PlacedStory: Sendable, Hashable {
    public var seq: Int64
    public var story: String
    public var print: StoryPrint

    public init(seq: Int64, story: String, print: StoryPrint) {
        self.seq = seq
        self.story = story
        self.print = print
    }
}
