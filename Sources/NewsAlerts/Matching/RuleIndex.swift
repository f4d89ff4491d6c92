/// A million rules, matched against one article in well under a millisecond.
///
/// Each rule is filed (`RulePlan`) under the most selective predicate it cannot match without — a ticker with an event
/// type, a two-word phrase, a ticker, a word, an event type — in a posting list; a rule whose top level is an OR under
/// a key of each branch. An article brings its own keys; under each it finds
/// - rules the key settles (`ticker:AAPL`): taken whole, a copy of the list;
/// - rules with one threshold beside the key (`ticker:AAPL relevance>=75`): a run from the start of a sorted list;
/// - the rest: checked one by one as compiled programs (`RulePrograms`).
///
/// Rules with nothing to file under (only `sentiment<0`, only a negation, only a prefix) are checked on every article;
/// `fallbackCount` shows how many. Adding and removing a rule touches only its own postings. Strings are numbered
/// (`RuleVocabulary`) so matching compares integers.
public struct RuleIndex: Sendable {
    public typealias RuleID = Int32

    private enum Filing: UInt8 { case free, exact, exactShared, threshold, checked, checkedShared, fallback }

    private struct Slot {
        var filing: Filing
        var key: RuleKey
        var program: Int32
    }

    /// Everything filed under one key. "Shared" rules are filed under other keys too, so an article that has several
    /// of them must take each only once.
    private struct Postings {
        var exact: [RuleID] = []
        var exactShared: [RuleID] = []
        var checked: [RuleID] = []
        var checkedShared: [RuleID] = []
        var thresholds = ThresholdLists()

        var isEmpty: Bool { exact.isEmpty && exactShared.isEmpty && checked.isEmpty && checkedShared.isEmpty && thresholds.isEmpty }
    }

    private var vocabulary = RuleVocabulary()
    private var programs = RulePrograms()
    private var table: [RuleKey: Postings] = [:]
    private var slots: [Slot] = []
    private var keysOfShared: [RuleID: [RuleKey]] = [:]
    private var fallback: [RuleID] = []
    private var freeSlots: [RuleID] = []
    public private(set) var count = 0

    public init() {}

    public var fallbackCount: Int { fallback.count }

    /// Whether a rule is filed under a key (false: it is in the fallback list, checked on every article).
    public func isIndexed(_ id: RuleID) -> Bool {
        Int(id) < slots.count && slots[Int(id)].filing != .fallback && slots[Int(id)].filing != .free
    }

    /// Adds a rule, with `ticker:@name` read from `watchlists` as they are now (re-add the rule when a list changes);
    /// returns its id.
    @discardableResult
    public mutating func add(_ rule: RuleExpression, watchlists: [String: Set<String>] = [:]) -> RuleID {
        let plan = RulePlan(rule.resolvingWatchlists(watchlists), &vocabulary)
        let id: RuleID
        if let free = freeSlots.popLast() {
            id = free
        } else {
            id = RuleID(slots.count)
            slots.append(Slot(filing: .free, key: RuleKey(.ticker, 0), program: -1))
        }
        var slot = Slot(filing: .fallback, key: plan.keys.first ?? RuleKey(.ticker, 0), program: -1)
        let shared = plan.keys.count > 1
        if shared { keysOfShared[id] = plan.keys }
        switch plan.residual {
        case .none:
            slot.filing = shared ? .exactShared : .exact
            for key in plan.keys {
                shared ? table[key, default: Postings()].exactShared.append(id) : table[key, default: Postings()].exact.append(id)
            }
        case .threshold(let field, let op, let threshold):
            slot.filing = .threshold
            table[slot.key, default: Postings()].thresholds.insert(field, op, threshold, id: id)
        case .check(let parts, let context):
            slot.program = programs.compile(all: parts, context: context, &vocabulary)
            if plan.keys.isEmpty {
                fallback.append(id)
            } else {
                slot.filing = shared ? .checkedShared : .checked
                for key in plan.keys {
                    shared ? table[key, default: Postings()].checkedShared.append(id) : table[key, default: Postings()].checked.append(id)
                }
            }
        }
        slots[Int(id)] = slot
        count += 1
        return id
    }

    public mutating func remove(_ id: RuleID) {
        guard Int(id) < slots.count, slots[Int(id)].filing != .free else { return }
        let slot = slots[Int(id)]
        for key in keysOfShared.removeValue(forKey: id) ?? [slot.key] {
            guard var p = table.removeValue(forKey: key) else { continue }
            switch slot.filing {
            case .exact: p.exact.removeAll { $0 == id }
            case .exactShared: p.exactShared.removeAll { $0 == id }
            case .threshold: p.thresholds.remove(id)
            case .checked: p.checked.removeAll { $0 == id }
            case .checkedShared: p.checkedShared.removeAll { $0 == id }
            case .fallback, .free: break
            }
            if !p.isEmpty { table[key] = p }
        }
        if slot.filing == .fallback { fallback.removeAll { $0 == id } }
        if slot.program >= 0 { programs.release(slot.program) }
        slots[Int(id)] = Slot(filing: .free, key: slot.key, program: -1)
        freeSlots.append(id)
        count -= 1
        if programs.unused > 1 << 16 && programs.unused * 2 > programs.ops.count { compactPrograms() }
    }

    /// The rules this article satisfies, each once, in no particular order.
    public func matches(_ article: ArticleFeatures) -> [RuleID] {
        let a = ArticleView(article, vocabulary)
        var hits: [RuleID] = []
        hits.reserveCapacity(1024)
        var seen = SeenRules(count: slots.count)
        programs.withOps { ops in collect(a, ops, &hits, &seen) }
        return hits
    }

    /// The work of `matches`, with its outputs passed in (so that appending is not an access through a closure).
    private func collect(_ a: ArticleView, _ ops: UnsafeBufferPointer<RulePrograms.Op>, _ hits: inout [RuleID], _ seen: inout SeenRules) {
        for key in a.keys {
            guard let p = table[key] else { continue }
            hits += p.exact
            p.thresholds.collect(for: key, a, into: &hits)
            for id in p.checked where programs.holds(Int(slots[Int(id)].program), a, ops) { hits.append(id) }
            for id in p.exactShared where seen.firstTime(id) { hits.append(id) }
            for id in p.checkedShared where seen.firstTime(id) && programs.holds(Int(slots[Int(id)].program), a, ops) { hits.append(id) }
        }
        for id in fallback where programs.holds(Int(slots[Int(id)].program), a, ops) { hits.append(id) }
    }

    /// One bit a rule: whether a shared rule (listed under several of the article's keys) was taken already.
    private struct SeenRules {
        private var words: [UInt64] = []
        private let count: Int

        init(count: Int) { self.count = count }

        mutating func firstTime(_ id: RuleID) -> Bool {
            if words.isEmpty { words = [UInt64](repeating: 0, count: (count + 63) / 64) }
            let (word, bit) = (Int(id) >> 6, UInt64(1) << UInt64(id & 63))
            defer { words[word] |= bit }
            return words[word] & bit == 0
        }
    }

    /// Copies the programs of live rules into a fresh array, once removed rules have left more than half of it unused.
    private mutating func compactPrograms() {
        var fresh = RulePrograms()
        for i in slots.indices where slots[i].program >= 0 {
            slots[i].program = fresh.copy(slots[i].program, from: programs)
        }
        programs = fresh
    }
}
