import Dispatch

extension Array where Element: Sendable {
    /// `map` on all cores, results in order. For batches of independent, CPU-bound work (analysing articles).
    @inlinable
    public func concurrentMap<T>(_ transform: @Sendable (Element) -> T) -> [T] {
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { out in
            // Each iteration writes only its own slot.
            nonisolated(unsafe) let slots = out.baseAddress!
            withoutActuallyEscaping(transform) { transform in
                self.withUnsafeBufferPointer { input in
                    nonisolated(unsafe) let input = input
                    DispatchQueue.concurrentPerform(iterations: input.count) { k in slots[k] = transform(input[k]) }
                }
            }
        }
        return results.map { $0! }
    }
}
