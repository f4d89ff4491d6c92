import NewsModel
import Synchronization
import Testing

@testable import NewsAnalysis

@Suite struct SecurityMasterArchiveTests {
    @Test func aRestoredMasterTagsExactlyAsTheBuiltOne() throws {
        let built = TestMaster.shared
        let bytes = SecurityMasterArchive.encode(built)
        let restored = try #require(SecurityMasterArchive.decode(bytes, instrumentCount: built.instruments.count))
        let master = SecurityMaster(instruments: built.instruments, names: restored.names, automaton: restored.automaton)
        let article = Article(
            title: "Alibaba, Toyota and Target Healthcare REIT",
            body: "Alibaba Group Holding Ltd BABA rose; Toyota climbed in Tokyo, and competitor Progressive gained. (NASDAQ: AAPL)")
        let a = NewsAnalyzer(master: built).analyze(article)
        let b = NewsAnalyzer(master: master).analyze(article)
        #expect(a.instruments.map(\.instrument.symbol) == b.instruments.map(\.instrument.symbol))
        #expect(a.instruments.flatMap(\.mentions) == b.instruments.flatMap(\.mentions))
        #expect(!a.instruments.isEmpty)
    }

    @Test func aDamagedArchiveIsRejectedNotTrusted() {
        var bytes = SecurityMasterArchive.encode(TestMaster.shared)
        #expect(SecurityMasterArchive.decode(Array(bytes.prefix(bytes.count / 2)), instrumentCount: TestMaster.shared.instruments.count) == nil)
        bytes[2] ^= 0xFF  // magic
        #expect(SecurityMasterArchive.decode(bytes, instrumentCount: TestMaster.shared.instruments.count) == nil)
        #expect(SecurityMasterArchive.decode([], instrumentCount: 1) == nil)
    }

    @Test func anArchiveNamingInstrumentsBeyondTheListIsRebuiltNotTrusted() throws {
        // Compiled with two instruments of a user's own in front: every id is two past where the plain master has it.
        let extra = [
            Instrument(symbol: "ZZQA", exchange: "NASDAQ", name: "Zzqa Widgets"),
            Instrument(symbol: "ZZQB", exchange: "NASDAQ", name: "Zzqb Gadgets"),
        ]
        let shifted = SecurityMasterArchive.encode(try SecurityMaster.bundled(userInstruments: extra))
        let saved = Mutex(0)
        let store = SecurityMaster.CompiledStore(load: { _ in shifted }, save: { _, _ in saved.withLock { $0 += 1 } })
        let master = try SecurityMaster.bundled(store: store)
        #expect(saved.withLock { $0 } == 1)
        let tagged = NewsAnalyzer(master: master).analyze(Article(title: "Apple results", body: "Apple Inc. reported results."))
        #expect(tagged.instruments.map(\.instrument.symbol) == ["AAPL"])
    }

    @Test func theKeyChangesWithAnyInput() {
        #expect(SecurityMasterArchive.key(["a", "b"]) != SecurityMasterArchive.key(["a", "c"]))
        #expect(SecurityMasterArchive.key(["ab", ""]) != SecurityMasterArchive.key(["a", "b"]))
        #expect(SecurityMasterArchive.key(["x"]) == SecurityMasterArchive.key(["x"]))
    }
}
