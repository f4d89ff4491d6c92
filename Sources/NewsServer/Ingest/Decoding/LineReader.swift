#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file descriptor line by line in constant memory. A line longer than `maxLine` is not kept:
/// it is reported as `.tooLong` with its length, and reading goes on with the next line.
public struct LineReader {
    public enum Line {
        case text([UInt8])
        case tooLong(bytes: Int)
    }

    private let fd: Int32
    private let maxLine: Int
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var eof = false
    public private(set) var lineNumber = 0
    /// Bytes read from the file so far (for progress).
    public private(set) var bytesRead = 0

    public init(fd: Int32, maxLine: Int, chunk: Int = 1 << 20) {
        self.fd = fd
        self.maxLine = maxLine
        self.buffer = [UInt8](repeating: 0, count: chunk)
    }

    /// The next line without its newline, or nil at the end of input.
    public mutating func next() throws -> Line? {
        var overflow: Int? = nil  // bytes of a too-long line seen so far
        var carried: [UInt8] = []
        while true {
            if let nl = buffer[start..<end].firstIndex(of: 10) {
                lineNumber += 1
                let piece = buffer[start..<nl]
                start = nl + 1
                if let o = overflow { return .tooLong(bytes: o + piece.count) }
                if carried.count + piece.count > maxLine { return .tooLong(bytes: carried.count + piece.count) }
                carried.append(contentsOf: piece)
                if carried.last == 13 { carried.removeLast() }
                return .text(carried)
            }
            // No newline in the buffer: keep what we have (or just count it, once over the limit) and read more.
            let pending = end - start
            if let o = overflow {
                overflow = o + pending
            } else if carried.count + pending > maxLine {
                overflow = carried.count + pending
                carried = []
            } else {
                carried.append(contentsOf: buffer[start..<end])
            }
            start = 0
            end = 0
            if eof {
                if let o = overflow, o > 0 {
                    lineNumber += 1
                    return .tooLong(bytes: o)
                }
                if carried.isEmpty { return nil }
                lineNumber += 1
                let last = carried
                carried = []
                return .text(last)
            }
            let got = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw ReadError(message: String(cString: strerror(errno)))
            }
            if got == 0 {
                eof = true
            } else {
                end = got
                bytesRead += got
            }
        }
    }

    public struct ReadError: Error { public var message: String }
}
