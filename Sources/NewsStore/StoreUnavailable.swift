/// The store cannot be reached now (a shared database restarting, or away): nothing was done, and the same call may
/// succeed shortly. The API answers it with a 503 and `Retry-After`.
public struct StoreUnavailable: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
