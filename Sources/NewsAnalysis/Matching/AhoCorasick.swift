#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A byte-level Aho-Corasick automaton over ASCII-case-folded patterns.
///
/// Built once, immutable, and shared across threads. Nodes are numbered depth-first, so a node's first child is the
/// node right after it: along the long single-child chains of a name the walk reads the next node from the same or the
/// following cache line, and needs no edge lookup. Nodes with several children keep their edges sorted in a flat array
/// (CSR); the root, where most bytes of ordinary text land, has a dense 256-entry table.
public struct AhoCorasick: Sendable {
    /// A pattern that ended at `end` (exclusive byte offset); it started at `end - length`.
    public struct Match: Sendable, Hashable {
        public var pattern: Int32
        public var end: Int
    }

    /// What a scan step reads about a node, side by side (the automaton is ~10 MB and the walk is bound by memory,
    /// not arithmetic).
    struct Node {
        var edgeStart: Int32  // its first edge; the next node's is one past its last
        var failure: Int32
        var terminal: Int32  // the pattern ending here, or -1
        var outputLink: Int32  // the nearest proper suffix node that is terminal, or -1
        var byte: UInt8  // the byte of the edge into it: a single child is checked without reading the edges
        var wideRow: UInt16  // 1 + its row in `wideRows` when it has many children, else 0 (fits the struct's padding)
    }

    /// The children of a node with many of them, as a 256-bit set: a child's edge is found by counting the set bits
    /// below its byte, with no search and no unpredictable branch (these nodes sit at the top of the trie, where every
    /// capitalised word passes).
    struct WideRow {
        var bits: (UInt64, UInt64, UInt64, UInt64)
        /// Set bits in the words before words 1, 2 and 3, a byte each.
        var before: UInt32

        /// The child's position among the node's sorted edges, or nil when it has no edge for `byte`.
        @inline(__always)
        func rank(of byte: UInt8) -> Int? {
            let w = Int(byte >> 6)
            let word: UInt64
            switch w {
            case 0: word = bits.0
            case 1: word = bits.1
            case 2: word = bits.2
            default: word = bits.3
            }
            let bit = UInt64(1) << UInt64(byte & 63)
            guard word & bit != 0 else { return nil }
            let prior = w == 0 ? 0 : Int((before >> UInt32(8 * (w - 1))) & 0xFF)
            return prior + (word & (bit &- 1)).nonzeroBitCount
        }
    }

    /// Children from which a node gets a wide row.
    static let wideRowMinimum = 4

    /// An edge: its byte and target side by side, sorted by byte within a node.
    struct Edge {
        var byte: UInt8
        var target: Int32
    }

    private let nodes: [Node]  // count = nodes + 1: a sentinel holds the end of the last node's edges
    private let edges: [Edge]
    private let wideRows: [WideRow]
    private let rootNext: [Int32]  // 256 entries
    public let patternLengths: [Int32]
    /// The one byte the root has an edge for, when there is just one (names all start with a space).
    private let onlyRootByte: UInt8?
    /// The first words of the patterns after that byte, and the node at the end of each (see `scanWholeWords`).
    private let firstWords: FirstWordIndex

    public var nodeCount: Int { nodes.count - 1 }

    /// Interleaves the separate tables into nodes and edges.
    private static func interleave(_ t: Tables) -> (nodes: [Node], edges: [Edge], wideRows: [WideRow]) {
        let count = t.failure.count
        var nodes = [Node](repeating: Node(edgeStart: 0, failure: 0, terminal: -1, outputLink: -1, byte: 0, wideRow: 0), count: count + 1)
        var wideRows: [WideRow] = []
        for k in 0..<count {
            nodes[k] = Node(
                edgeStart: t.edgeStart[k], failure: t.failure[k], terminal: t.terminal[k], outputLink: t.outputLink[k], byte: 0, wideRow: 0)
            let first = Int(t.edgeStart[k])
            let last = Int(t.edgeStart[k + 1])
            guard last - first >= wideRowMinimum, wideRows.count < Int(UInt16.max) else { continue }
            var words: [UInt64] = [0, 0, 0, 0]
            for e in first..<last { words[Int(t.edgeByte[e] >> 6)] |= UInt64(1) << UInt64(t.edgeByte[e] & 63) }
            let c0 = UInt32(words[0].nonzeroBitCount)
            let c1 = c0 + UInt32(words[1].nonzeroBitCount)
            let c2 = c1 + UInt32(words[2].nonzeroBitCount)
            wideRows.append(WideRow(bits: (words[0], words[1], words[2], words[3]), before: c0 | c1 << 8 | c2 << 16))
            nodes[k].wideRow = UInt16(wideRows.count)
        }
        nodes[count].edgeStart = t.edgeStart[count]
        var edges = [Edge](repeating: Edge(byte: 0, target: 0), count: t.edgeByte.count)
        for e in 0..<t.edgeByte.count {
            edges[e] = Edge(byte: t.edgeByte[e], target: t.edgeTarget[e])
            nodes[Int(t.edgeTarget[e])].byte = t.edgeByte[e]
        }
        return (nodes, edges, wideRows)
    }

    /// Whether every node's first child is the node right after it, as the scan assumes (depth-first numbering).
    private static func isDepthFirst(_ t: Tables) -> Bool {
        for k in 0..<t.failure.count where t.edgeStart[k] < t.edgeStart[k + 1] {
            if t.edgeTarget[Int(t.edgeStart[k])] != Int32(k + 1) { return false }
        }
        return true
    }

    /// The automaton's tables, for storing a built automaton and restoring it without rebuilding.
    public struct Tables: Sendable {
        public var edgeStart: [Int32]
        public var edgeByte: [UInt8]
        public var edgeTarget: [Int32]
        public var failure: [Int32]
        public var terminal: [Int32]
        public var outputLink: [Int32]
        public var rootNext: [Int32]
        public var patternLengths: [Int32]
    }

    public var tables: Tables {
        Tables(
            edgeStart: nodes.map(\.edgeStart), edgeByte: edges.map(\.byte), edgeTarget: edges.map(\.target),
            failure: nodes.dropLast().map(\.failure), terminal: nodes.dropLast().map(\.terminal),
            outputLink: nodes.dropLast().map(\.outputLink), rootNext: rootNext, patternLengths: patternLengths)
    }

    /// Restores an automaton from its tables; nil when they are not consistent with each other.
    public init?(tables t: Tables) {
        let nodeTotal = t.failure.count
        /// Whether every value lies in `range` (a tight loop: these arrays have millions of entries).
        func within(_ a: [Int32], _ range: ClosedRange<Int32>) -> Bool {
            a.withUnsafeBufferPointer { buf in
                var lo = Int32.max
                var hi = Int32.min
                for v in buf {
                    lo = min(lo, v)
                    hi = max(hi, v)
                }
                return buf.isEmpty || (range.contains(lo) && range.contains(hi))
            }
        }
        let lastNode = Int32(nodeTotal - 1)
        guard nodeTotal > 0, t.edgeStart.count == nodeTotal + 1, t.terminal.count == nodeTotal, t.outputLink.count == nodeTotal,
            t.rootNext.count == 256,
            t.edgeByte.count == t.edgeTarget.count, Int(t.edgeStart.last ?? -1) == t.edgeByte.count,
            within(t.edgeStart, 0...Int32(t.edgeByte.count)), within(t.edgeTarget, 0...lastNode), within(t.failure, 0...lastNode),
            within(t.outputLink, -1...lastNode), within(t.rootNext, 0...lastNode), within(t.terminal, -1...Int32(t.patternLengths.count - 1)),
            Self.isDepthFirst(t)
        else { return nil }
        (self.nodes, self.edges, self.wideRows) = Self.interleave(t)
        rootNext = t.rootNext
        patternLengths = t.patternLengths
        onlyRootByte = Self.onlyByte(t.rootNext)
        firstWords = FirstWordIndex(after: onlyRootByte.map { Int(t.rootNext[Int($0)]) }, t)
    }

    /// Builds the automaton. Patterns are folded to lower case; duplicates keep their first id.
    public init(patterns: [[UInt8]]) {
        let folded = patterns.map { $0.map(AhoCorasick.fold) }
        // Insert in sorted order so each node's children arrive in increasing byte order.
        let sortedIDs = folded.indices.sorted { folded[$0].lexicographicallyPrecedes(folded[$1]) }
        var firstChild: [Int32] = [-1]
        var nextSibling: [Int32] = [-1]
        var lastChild: [Int32] = [-1]
        var byte: [UInt8] = [0]
        var trieTerminal: [Int32] = [-1]
        var path: [Int32] = [0]  // nodes along the previous pattern
        var previous: [UInt8] = []
        for id in sortedIDs {
            let p = folded[id]
            guard !p.isEmpty else { continue }
            var common = 0
            while common < p.count, common < previous.count, p[common] == previous[common] { common += 1 }
            path.removeSubrange((common + 1)...)
            var node = path[common]
            for i in common..<p.count {
                let child = Int32(byte.count)
                firstChild.append(-1)
                nextSibling.append(-1)
                lastChild.append(-1)
                byte.append(p[i])
                trieTerminal.append(-1)
                if lastChild[Int(node)] < 0 { firstChild[Int(node)] = child } else { nextSibling[Int(lastChild[Int(node)])] = child }
                lastChild[Int(node)] = child
                node = child
                path.append(child)
            }
            if trieTerminal[Int(node)] < 0 || id < trieTerminal[Int(node)] { trieTerminal[Int(node)] = Int32(id) }
            previous = p
        }
        // Renumber nodes depth-first, children in byte order: each node's first child becomes the node after it, so
        // a name's chain of single children lies in consecutive memory.
        let count = byte.count
        var order: [Int32] = []  // new number -> old node
        order.reserveCapacity(count)
        var stack: [Int32] = [0]
        var siblings: [Int32] = []
        while let old = stack.popLast() {
            order.append(old)
            siblings.removeAll(keepingCapacity: true)
            var c = firstChild[Int(old)]
            while c >= 0 {
                siblings.append(c)
                c = nextSibling[Int(c)]
            }
            stack.append(contentsOf: siblings.reversed())
        }
        var renumbered = [Int32](repeating: 0, count: count)
        for (new, old) in order.enumerated() { renumbered[Int(old)] = Int32(new) }
        var edgeStart = [Int32](repeating: 0, count: count + 1)
        var edgeByte: [UInt8] = []
        var edgeTarget: [Int32] = []
        var dfsTerminal = [Int32](repeating: -1, count: count)
        edgeByte.reserveCapacity(count)
        edgeTarget.reserveCapacity(count)
        for (new, old) in order.enumerated() {
            dfsTerminal[new] = trieTerminal[Int(old)]
            edgeStart[new] = Int32(edgeByte.count)
            var c = firstChild[Int(old)]
            while c >= 0 {
                edgeByte.append(byte[Int(c)])
                edgeTarget.append(renumbered[Int(c)])
                c = nextSibling[Int(c)]
            }
        }
        edgeStart[count] = Int32(edgeByte.count)
        let terminal = dfsTerminal

        var rootNext = [Int32](repeating: 0, count: 256)
        for e in Int(edgeStart[0])..<Int(edgeStart[1]) { rootNext[Int(edgeByte[e])] = edgeTarget[e] }
        // Failure links, breadth-first: a node's failure is found through shallower nodes' failures.
        var failure = [Int32](repeating: 0, count: count)
        var outputLink = [Int32](repeating: -1, count: count)
        var queue: [Int32] = [0]
        queue.reserveCapacity(count)
        var head = 0
        while head < queue.count {
            let u = Int(queue[head])
            head += 1
            for e in Int(edgeStart[u])..<Int(edgeStart[u + 1]) {
                let v = Int(edgeTarget[e])
                queue.append(Int32(v))
                if u == 0 {
                    failure[v] = 0
                    continue
                }
                let b = edgeByte[e]
                var f = Int(failure[u])
                var target: Int32 = 0
                while true {
                    if f == 0 {
                        target = rootNext[Int(b)]
                        break
                    }
                    if let t = Self.edge(from: f, byte: b, edgeStart, edgeByte, edgeTarget) {
                        target = t
                        break
                    }
                    f = Int(failure[f])
                }
                failure[v] = target == Int32(v) ? 0 : target
                let fv = Int(failure[v])
                outputLink[v] = terminal[fv] >= 0 ? Int32(fv) : outputLink[fv]
            }
        }
        let tables = Tables(
            edgeStart: edgeStart, edgeByte: edgeByte, edgeTarget: edgeTarget, failure: failure, terminal: terminal, outputLink: outputLink,
            rootNext: rootNext, patternLengths: [])
        (self.nodes, self.edges, self.wideRows) = Self.interleave(tables)
        self.rootNext = rootNext
        self.patternLengths = patterns.map { Int32($0.count) }
        self.onlyRootByte = Self.onlyByte(rootNext)
        self.firstWords = FirstWordIndex(after: onlyRootByte.map { Int(rootNext[Int($0)]) }, tables)
    }

    /// The root's one way out, when it has just one (and it is not a letter, which would fold).
    private static func onlyByte(_ rootNext: [Int32]) -> UInt8? {
        let rootBytes = (0..<256).filter { rootNext[$0] != 0 }
        return rootBytes.count == 1 && fold(UInt8(rootBytes[0])) == UInt8(rootBytes[0]) ? UInt8(rootBytes[0]) : nil
    }

    @inline(__always)
    static func fold(_ b: UInt8) -> UInt8 { b &- 65 < 26 ? b | 0x20 : b }

    @inline(__always)
    private static func edge(from node: Int, byte: UInt8, _ edgeStart: [Int32], _ edgeByte: [UInt8], _ edgeTarget: [Int32]) -> Int32? {
        var lo = Int(edgeStart[node])
        var hi = Int(edgeStart[node + 1])
        while lo < hi {
            let mid = (lo + hi) >> 1
            let m = edgeByte[mid]
            if m == byte { return edgeTarget[mid] }
            if m < byte { lo = mid + 1 } else { hi = mid }
        }
        return nil
    }

    /// Calls `onMatch` for every occurrence of every pattern in `text`, in order of end offset.
    public func scan(_ text: UnsafeBufferPointer<UInt8>, _ onMatch: (Match) -> Void) { scan(text, wholeWords: false, onMatch) }

    /// Like `scan`, for a caller that keeps only occurrences whose first word (the run of letters and digits after the
    /// root byte) is a whole word of the text. Every such occurrence is reported; others may be left out: a word of
    /// the text that is no pattern's first word is skipped at a glance, and one that is is crossed in one step to its
    /// node, without walking the automaton through it.
    public func scanWholeWords(_ text: UnsafeBufferPointer<UInt8>, _ onMatch: (Match) -> Void) { scan(text, wholeWords: true, onMatch) }

    @inline(__always)
    private func scan(_ text: UnsafeBufferPointer<UInt8>, wholeWords: Bool, _ onMatch: (Match) -> Void) {
        let filterNode = wholeWords ? firstWords.node : -1
        nodes.withUnsafeBufferPointer { nodes in
            edges.withUnsafeBufferPointer { edges in
                wideRows.withUnsafeBufferPointer { wideRows in
                    rootNext.withUnsafeBufferPointer { rootNext in
                        var state = 0
                        var i = 0
                        let n = text.count
                        while i < n {
                            // At the root with a single way out (every pattern starts with the same byte),
                            // jump straight to that byte: memchr is vectorised, the automaton is not.
                            if state == 0, let only = onlyRootByte {
                                guard let base = text.baseAddress, let hit = memchr(base + i, Int32(only), n - i) else { break }
                                i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                            }
                            defer { i += 1 }
                            let b = Self.fold(text[i])
                            while true {
                                if state == 0 {
                                    state = Int(rootNext[Int(b)])
                                    break
                                }
                                var lo = Int(nodes[state].edgeStart)
                                var hi = Int(nodes[state + 1].edgeStart)
                                var found = -1
                                if hi - lo == 1 {
                                    // One child, numbered next: no edge to read.
                                    if nodes[state + 1].byte == b { found = state + 1 }
                                } else if nodes[state].wideRow != 0 {
                                    if let r = wideRows[Int(nodes[state].wideRow) - 1].rank(of: b) { found = Int(edges[lo + r].target) }
                                } else {
                                    while lo < hi {
                                        let mid = (lo + hi) >> 1
                                        let m = edges[mid].byte
                                        if m == b {
                                            found = Int(edges[mid].target)
                                            break
                                        }
                                        if m < b { lo = mid + 1 } else { hi = mid }
                                    }
                                }
                                if found >= 0 {
                                    state = found
                                    break
                                }
                                state = Int(nodes[state].failure)
                            }
                            if state == 0 { continue }
                            // Only the separator read, and no longer match under way: a pattern can start with the next
                            // word only if that word is one of the patterns' first words, and then the walk through it
                            // ends at the word's node. (Matches ending inside the word, which the walk would also
                            // report, are not of whole words.)
                            if state == filterNode {
                                guard let hit = firstWords.lookup(text, at: i + 1) else {
                                    state = 0
                                    continue
                                }
                                state = hit.node
                                i = hit.end - 1  // the word's last byte; `defer` moves past it
                            }
                            let node = nodes[state]
                            if node.terminal >= 0 { onMatch(Match(pattern: node.terminal, end: i + 1)) }
                            var o = Int(node.outputLink)
                            while o >= 0 {
                                onMatch(Match(pattern: nodes[o].terminal, end: i + 1))
                                o = Int(nodes[o].outputLink)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Every match in `text`, in order of end offset.
    public func matches(in text: [UInt8]) -> [Match] {
        var out: [Match] = []
        text.withUnsafeBufferPointer { buf in scan(buf) { out.append($0) } }
        return out
    }
}
