/// Why a rule cannot be parsed, and where: `position` counts characters from 0.
public struct RuleSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var position: Int
    public var message: String

    public init(position: Int, message: String) {
        self.position = position
        self.message = message
    }

    public var description: String { "at \(position + 1): \(message)" }

    /// The rule with a caret under the position, for terminals.
    public func pointing(into rule: String) -> String {
        rule + "\n" + String(repeating: " ", count: max(0, position)) + "^ " + message
    }
}
