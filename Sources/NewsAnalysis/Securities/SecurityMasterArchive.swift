import NewsModel

/// The compiled part of a security master (its name index and automaton) as bytes, so a later start can skip
/// generating 150k names and building the automaton. Pure: the caller decides where the bytes are kept.
///
/// Layout: magic, version, then length-prefixed sections in native byte order (the bytes are a cache on one machine,
/// never an interchange format). Any mismatch makes `decode` return nil, and the caller rebuilds.
public enum SecurityMasterArchive {
    static let magic: [UInt8] = Array("TWSM".utf8)
    /// Bump whenever name generation or the layout changes: it is part of the cache key.
    static let version: UInt32 = 7

    public static func encode(_ master: SecurityMaster) -> [UInt8] {
        var w = Writer()
        w.bytes(magic)
        w.u32(version)
        w.u32(UInt32(master.names.count))
        for n in master.names {
            w.string(n.text)
            w.int32s(Array(n.instruments))
            w.u8(UInt8(n.kind.rawValue))
            w.u8((n.isCommonWord ? 1 : 0) | (n.isFormer ? 2 : 0) | (n.isVenue ? 4 : 0))
            w.i32(n.curatedInstrument ?? -1)
        }
        let t = master.automaton.tables
        for a in [t.edgeStart, t.edgeTarget, t.failure, t.terminal, t.outputLink, t.rootNext, t.patternLengths] { w.int32s(a) }
        w.u32(UInt32(t.edgeByte.count))
        w.bytes(t.edgeByte)
        return w.out
    }

    /// The names and automaton stored in `bytes`, or nil when they are not a valid archive of this version.
    public static func decode(_ bytes: [UInt8], instrumentCount: Int) -> (names: [SecurityMaster.NameEntry], automaton: AhoCorasick)? {
        bytes.withUnsafeBufferPointer { decode(buffer: $0, instrumentCount: instrumentCount) }
    }

    private static func decode(buffer: UnsafeBufferPointer<UInt8>, instrumentCount: Int) -> (
        names: [SecurityMaster.NameEntry], automaton: AhoCorasick
    )? {
        var r = Reader(bytes: buffer)
        guard r.bytes(magic.count) == magic, r.u32() == version, let count = r.u32(), Int(count) <= buffer.count else { return nil }
        // Instrument lists go into one flat array that every name slices: 150k small arrays would each cost an allocation.
        var flat: [Int32] = []
        flat.reserveCapacity(Int(count) + Int(count) / 4)
        var pending: [(text: String, start: Int, kind: AliasGenerator.Kind, flags: UInt8, curated: Int32)] = []
        pending.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let text = r.string(), let listCount = r.u32(), Int(listCount) <= (buffer.count - r.at) / 4 else { return nil }
            let start = flat.count
            for _ in 0..<listCount {
                guard let id = r.i32(), id >= 0, Int(id) < instrumentCount else { return nil }
                flat.append(id)
            }
            guard let kindRaw = r.u8(), let kind = AliasGenerator.Kind(rawValue: Int(kindRaw)), let flags = r.u8(), let curated = r.i32()
            else { return nil }
            pending.append((text, start, kind, flags, curated))
        }
        var names: [SecurityMaster.NameEntry] = []
        names.reserveCapacity(pending.count)
        for (k, p) in pending.enumerated() {
            let end = k + 1 < pending.count ? pending[k + 1].start : flat.count
            names.append(
                SecurityMaster.NameEntry(
                    text: p.text, instruments: flat[p.start..<end], kind: p.kind, isCommonWord: p.flags & 1 != 0, isFormer: p.flags & 2 != 0,
                    curatedInstrument: p.curated >= 0 ? p.curated : nil, isVenue: p.flags & 4 != 0))
        }
        guard let edgeStart = r.int32s(), let edgeTarget = r.int32s(), let failure = r.int32s(), let terminal = r.int32s(),
            let outputLink = r.int32s(), let rootNext = r.int32s(), let lengths = r.int32s(), let edgeCount = r.u32(),
            let edgeByte = r.bytes(Int(edgeCount)), r.atEnd, lengths.count == names.count,
            let automaton = AhoCorasick(
                tables: .init(
                    edgeStart: edgeStart, edgeByte: edgeByte, edgeTarget: edgeTarget, failure: failure, terminal: terminal,
                    outputLink: outputLink, rootNext: rootNext, patternLengths: lengths))
        else { return nil }
        return (names, automaton)
    }

    /// A hash of everything a compiled master depends on: a changed input gives another key. Eight bytes at a time
    /// (a multiply-rotate mix), since it runs over megabytes at every start.
    public static func key(_ parts: [String]) -> String {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(version)
        func mix(_ w: UInt64) {
            h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
            h = (h << 31) | (h >> 33)
        }
        for var p in parts {
            p.makeContiguousUTF8()
            p.utf8.withContiguousStorageIfAvailable { buf in
                let raw = UnsafeRawBufferPointer(buf)
                let words = raw.count / 8
                for k in 0..<words { mix(raw.loadUnaligned(fromByteOffset: k * 8, as: UInt64.self)) }
                var tail: UInt64 = 0
                for k in (words * 8)..<raw.count { tail = tail << 8 | UInt64(raw[k]) }
                mix(tail)
            }
            mix(UInt64(p.utf8.count))  // separates ["ab", ""] from ["a", "b"]
        }
        return String(h, radix: 16)
    }

    private struct Writer {
        var out: [UInt8] = []
        mutating func bytes(_ b: [UInt8]) { out.append(contentsOf: b) }
        mutating func u8(_ v: UInt8) { out.append(v) }
        mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v) { out.append(contentsOf: $0) } }
        mutating func i32(_ v: Int32) { withUnsafeBytes(of: v) { out.append(contentsOf: $0) } }
        mutating func string(_ s: String) {
            u32(UInt32(s.utf8.count))
            out.append(contentsOf: s.utf8)
        }
        mutating func int32s(_ a: [Int32]) {
            u32(UInt32(a.count))
            a.withUnsafeBytes { out.append(contentsOf: $0) }
        }
    }

    /// Reads through a buffer pointer; every read checks the remaining length first.
    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0
        var atEnd: Bool { at == bytes.count }

        mutating func bytes(_ n: Int) -> [UInt8]? {
            guard n >= 0, at + n <= bytes.count else { return nil }
            defer { at += n }
            return Array(bytes[at..<(at + n)])
        }
        mutating func u8() -> UInt8? {
            guard at < bytes.count else { return nil }
            defer { at += 1 }
            return bytes[at]
        }
        mutating func u32() -> UInt32? {
            guard at + 4 <= bytes.count else { return nil }
            defer { at += 4 }
            return UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: at, as: UInt32.self)
        }
        mutating func i32() -> Int32? { u32().map { Int32(bitPattern: $0) } }
        mutating func string() -> String? {
            guard let n = u32(), Int(n) <= bytes.count - at else { return nil }
            defer { at += Int(n) }
            return String(validating: UnsafeBufferPointer(rebasing: bytes[at..<(at + Int(n))]), as: UTF8.self)
        }
        mutating func int32s() -> [Int32]? {
            guard let n = u32(), Int(n) * 4 <= bytes.count - at else { return nil }
            let count = Int(n)
            var out = [Int32](repeating: 0, count: count)
            out.withUnsafeMutableBytes { dst in
                dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[at..<(at + count * 4)]))
            }
            at += count * 4
            return out
        }
    }
}
