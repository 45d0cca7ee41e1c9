import Foundation
import PartnerGraph
import PartnerGraphIO
import Testing
@testable import PartnerAnalysis

/// A hand-built network whose gaps as of 2016-11-01 are known for every kind
/// (worked out on paper below, not copied from our output).
///
/// Current projection at 2016-11-01 (9 nodes, 10 pairs):
///
///     b2 — b1 — a3 — f — a2 — a1      cycles f–a2–n1–f and f–n2–s1–f
///                    |\    |
///                    | n1 -+
///                    n2 — s1
///
/// r1's only tie (2005) is not current.
enum GapFixture {
    static let yaml = """
    title: gap fixture
    focal: f
    partners:
      - {id: f, name: Focal, kind: hub}
      - {id: a1, name: A1, kind: agency, themes: [health]}
      - {id: a2, name: A2, kind: agency}
      - {id: a3, name: A3, kind: agency}
      - {id: b1, name: B1, kind: network}
      - {id: b2, name: B2, kind: network, themes: [health]}
      - {id: n1, name: N1, kind: ngo, themes: [health]}
      - {id: n2, name: N2, kind: ngo}
      - {id: s1, name: S1, kind: state}
      - {id: r1, name: R1, kind: institute}
    ties:
      - {id: ag-before, type: agreement, between: [f, a1], start: 2010, end: 2016-10-31}
      - {id: ag-on, type: agreement, between: [f, a2], start: 2012, end: 2016-11-01}
      - {id: ag-after, type: agreement, between: [f, a3], start: 2012, end: 2016-11-02}
      - {id: ag-year, type: agreement, between: [f, n1], start: 2014, end: 2016}
      - {id: ag-far, type: agreement, between: [f, n2], start: 2014, end: 2018-01}
      - {id: ag-old, type: agreement, between: [f, s1], start: 2005, end: 2010}
      - {id: ag-renewal, type: agreement, between: [f, s1], start: 2011}
      - {id: ag-year-lapsed, type: agreement, between: [a1, a2], start: 2010, end: 2015}
      - {id: li-dormant, type: liaison, between: [f, a3]}
      - {id: ja-old, type: joint-activity, between: [f, a3], start: 2013-05}
      - {id: li-active, type: liaison, between: [f, n2], start: 2000}
      - {id: ja-recent, type: joint-activity, between: [f, n2], start: 2015-06}
      - {id: li-young, type: liaison, between: [f, s1], start: 2016-01}
      - {id: ja-a3-b1, type: joint-activity, between: [a3, b1], start: 2016-03}
      - {id: ja-b1-b2, type: joint-activity, between: [b1, b2], start: 2016-05}
      - {id: ja-a2-n1, type: joint-activity, between: [a2, n1], start: 2016-02}
      - {id: ja-a1-a2, type: joint-activity, between: [a1, a2], start: 2016-06}
      - {id: ja-n2-s1, type: joint-activity, between: [n2, s1], start: 2016-09}
      - {id: ja-2005, type: joint-activity, between: [r1, f], start: 2005-03}
    """

    static func network() throws -> PartnerNetwork { try GraphFile.parse(yaml, format: .yaml, path: "fixture.yaml") }

    static var strategy: Strategy {
        var s = Strategy()
        s.categories = [ExpectedCategory(kind: "agency", minimum: 3), ExpectedCategory(kind: "ngo"),
                        ExpectedCategory(kind: "institute"), ExpectedCategory(kind: "state")]
        s.partners = [ExpectedPartner(id: "a1"), ExpectedPartner(id: "s1"),
                      ExpectedPartner(id: "newco", name: "New Co", kind: "agency")]
        s.categoryPairs = [CategoryPair("ngo", "state"), CategoryPair("agency", "institute"),
                           CategoryPair("network", "network"), CategoryPair("agency", "ngo"), CategoryPair("state", "state")]
        s.themes = ["health"]
        return s
    }
}

@Suite("Coordination gaps on hand-built graphs")
struct GapsTests {
    static let asOf = Day(year: 2016, month: 11, day: 1)!

    func report(_ day: Day = GapsTests.asOf, strategy: Strategy = GapFixture.strategy, lookback: Lookback? = nil) throws -> GapReport {
        try GapFinder(network: try GapFixture.network(), strategy: strategy).report(asOf: day, lookback: lookback)
    }

    /// `kind severity partners score` of every finding, in listing order.
    func lines(_ r: GapReport) -> [String] {
        r.gaps.map { g in
            ([g.kind.rawValue, g.severity.rawValue, g.partners.joined(separator: ",")] + (g.score.map { [NumberFormatting.shortest($0)] } ?? []))
                .filter { !$0.isEmpty }.joined(separator: " ")
        }
    }

    @Test func everyKindAsOfTheReferenceDate() throws {
        let r = try report()
        #expect(lines(r) == [
            "uncovered-category high f,a1,newco 1",  // agency: a2, a3 covered of min 3; a1 and newco (roster) uncovered
            "uncovered-category high f,r1 1",        // institute: r1's 2005 activity is past its 3-year lookback
            "lapsed-agreement high a1,a2",           // ended 2015 (year only → 2015-12-31)
            "lapsed-agreement high a1,f",            // ended the day before the as-of date
            "uncovered-partner medium a1",
            "uncovered-partner medium newco",        // in the roster, not in the graph
            "expiring-agreement medium a2,f",        // ends on the as-of date
            "expiring-agreement medium a3,f",        // ends the day after
            "expiring-agreement medium f,n1",        // ends 2016 (→ 2016-12-31), within 12 months
            "dormant-liaison medium a3,f",           // last joint activity 2013-05, before 2014-11-01
            "single-broker medium a3,b1 2",          // b1 and b2 reach f only through a3
            "single-broker medium a2,a1 1",
            "single-broker medium b1,b2 1",
            "category-gap medium",                   // agency–institute
            "category-gap medium",                   // state–state
            "isolated-partner low r1",
            "bridge-tie low a3,f 3",
            "bridge-tie low a3,b1 2",
            "bridge-tie low a1,a2 1",
            "bridge-tie low b1,b2 1",
            "missing-link low a1,n1 0.9102392266268373",  // 1 / ln 3: common partner a2 has degree 3
        ])
    }

    @Test func evidenceAndActionsNameTheTies() throws {
        let r = try report()
        func gap(_ kind: GapKind, _ partners: [String]) -> Gap? { r.gaps.first { $0.kind == kind && $0.partners == partners } }
        let lapsed = try #require(gap(.lapsedAgreement, ["a1", "f"]))
        #expect(lapsed.evidence.map(\.tie) == ["ag-before"])
        #expect(lapsed.evidence[0].type == "agreement")
        #expect(lapsed.evidence[0].start == PartialDate("2010") && lapsed.evidence[0].end == PartialDate("2016-10-31"))
        #expect(lapsed.action.contains("ended 2016-10-31"))
        let dormant = try #require(gap(.dormantLiaison, ["a3", "f"]))
        #expect(dormant.evidence.map(\.tie) == ["li-dormant", "ja-old"])
        let bridge = try #require(gap(.bridgeTie, ["a3", "f"]))
        #expect(bridge.evidence.map(\.tie) == ["ag-after", "li-dormant"])
        let broker = try #require(gap(.singleBroker, ["a3", "b1"]))
        #expect(broker.evidence.map(\.tie) == ["ja-a3-b1"])
        let link = try #require(gap(.missingLink, ["a1", "n1"])?.link)
        #expect(link.commonPartners == ["a2"])
        #expect(link.jaccard == 0.5)                       // Γ(a1) = {a2}, Γ(n1) = {a2, f}
        #expect(abs(link.resourceAllocation - 1.0 / 3) < 1e-15)
        #expect(link.sharedThemes == ["health"])
        let partner = try #require(gap(.uncoveredPartner, ["a1"]))
        #expect(partner.evidence.map(\.tie) == ["ag-before"])
        #expect(try #require(gap(.isolatedPartner, ["r1"])).evidence.map(\.tie) == ["ja-2005"])
        // Renewed (ag-old → ag-renewal), still running (li-active with ja-recent), young (li-young): no findings.
        #expect(!r.gaps.contains { $0.partners.contains("s1") && $0.kind != .uncoveredPartner })
        #expect(!r.gaps.contains { $0.kind == .dormantLiaison && $0.partners.contains("n2") })
    }

    @Test func categoryMatrixCountsCurrentTies() throws {
        let m = try report().categoryMatrix
        #expect(m.kinds == ["agency", "hub", "institute", "network", "ngo", "state"])
        #expect(m.count("agency", "hub") == 3)       // ag-on, ag-after, li-dormant
        #expect(m.count("hub", "agency") == 3)
        #expect(m.count("agency", "agency") == 1)    // ja-a1-a2
        #expect(m.count("network", "network") == 1) // ja-b1-b2
        #expect(m.count("hub", "ngo") == 4)          // ag-year, ag-far, li-active, ja-recent
        #expect(m.count("hub", "institute") == 0)    // ja-2005 is not current
        // 14 current ties, 2 of them within a kind: off-diagonal ties count twice.
        let total: Int = m.counts.joined().reduce(0, +)
        #expect(total == 2 * 12 + 2)
    }

    /// An agreement ending the day before, on, and after the as-of date; and year-only ends.
    @Test(arguments: [
        ("2016-10-31", "lapsed-agreement"), ("2016-11-01", "expiring-agreement"), ("2016-11-02", "expiring-agreement"),
        ("2016", "expiring-agreement"), ("2015", "lapsed-agreement"), ("2017-11-01", "expiring-agreement"),
        ("2017-11-02", "none"), ("2017", "none"),
    ])
    func agreementBoundaries(_ end: String, _ expected: String) throws {
        let net = try GraphFile.parse("""
            focal: f
            partners: [{id: f, name: F, kind: hub}, {id: p, name: P, kind: agency}]
            ties: [{id: t, type: agreement, between: [f, p], start: 2010, end: \(end)}]
            """, format: .yaml)
        var s = Strategy()
        s.kinds = [.lapsedAgreement, .expiringAgreement]
        let r = try GapFinder(network: net, strategy: s).report(asOf: Self.asOf)
        #expect((r.gaps.first?.kind.rawValue ?? "none") == expected)
        #expect(r.gaps.count <= 1)
    }

    @Test func asOfOneDayLaterAndEarlier() throws {
        var s = GapFixture.strategy
        s.kinds = [.lapsedAgreement, .expiringAgreement]
        let later = try report(Day(year: 2016, month: 11, day: 2)!, strategy: s)
        #expect(lines(later) == ["lapsed-agreement high a1,a2", "lapsed-agreement high a1,f", "lapsed-agreement high a2,f",
                                 "expiring-agreement medium a3,f", "expiring-agreement medium f,n1"])
        let earlier = try report(Day(year: 2016, month: 10, day: 31)!, strategy: s)
        #expect(lines(earlier) == ["lapsed-agreement high a1,a2", "expiring-agreement medium a1,f",
                                   "expiring-agreement medium a2,f", "expiring-agreement medium a3,f", "expiring-agreement medium f,n1"])
    }

    @Test func severityOverridesAndKindSelection() throws {
        var s = GapFixture.strategy
        s.severities = [.bridgeTie: .high]
        s.kinds = [.bridgeTie, .isolatedPartner]
        let r = try report(strategy: s)
        #expect(lines(r) == ["bridge-tie high a3,f 3", "bridge-tie high a3,b1 2", "bridge-tie high a1,a2 1",
                             "bridge-tie high b1,b2 1", "isolated-partner low r1"])
        #expect(r.hasGaps(atLeast: .high))
        s.kinds = [.isolatedPartner]
        #expect(try !report(strategy: s).hasGaps(atLeast: .medium))
        #expect(try report(strategy: s).hasGaps(atLeast: .low))
    }

    @Test func defaultStrategyRunsWithoutAFile() throws {
        // No expected categories or partners: no uncovered-* findings; links unfiltered (top 10).
        let r = try report(strategy: Strategy())
        #expect(!r.gaps.contains { $0.kind == .uncoveredCategory || $0.kind == .uncoveredPartner || $0.kind == .categoryGap })
        // By hand: via b1 and a3 (degree 2, 1/ln 2), via a2 (degree 3, 1/ln 3), then 8 pairs via f (1/ln 5), by id.
        let links = r.gaps.filter { $0.kind == .missingLink }
        #expect(links.map(\.partners) == [["a3", "b2"], ["b1", "f"], ["a1", "f"], ["a1", "n1"], ["a2", "a3"], ["a2", "n2"],
                                         ["a2", "s1"], ["a3", "n1"], ["a3", "n2"], ["a3", "s1"]])
        #expect(abs(links[0].score! - 1 / log(2.0)) < 1e-15 && abs(links[9].score! - 1 / log(5.0)) < 1e-15)
    }

    @Test func unknownFocalIsAnError() throws {
        let net = try GapFixture.network()
        #expect(throws: AnalysisError.invalidArgument("unknown focal partner 'ff' (did you mean 'f'?)")) {
            try GapFinder(network: net, focal: "ff")
        }
    }

    @Test func singleBrokerMatchesBruteForceOnRandomGraphs() throws {
        // Brute force: v depends on w when removing w disconnects v from the focal node 0.
        for seed in 1...30 {
            var rng = SplitMix(seed: UInt64(seed))
            let n = 12
            var net = PartnerNetwork(focal: "p00")
            for i in 0..<n { try net.add(Partner(id: String(format: "p%02d", i), name: "P\(i)", kind: "k")) }
            var edges: [(Int, Int)] = []
            for _ in 0..<14 {
                let a = Int(rng.next() % UInt64(n)), b = Int(rng.next() % UInt64(n))
                if a != b { edges.append((a, b)); net.add(Tie(type: "liaison", source: String(format: "p%02d", a), target: String(format: "p%02d", b))) }
            }
            var s = Strategy()
            s.kinds = [.singleBroker]
            let r = try GapFinder(network: net, strategy: s).report(asOf: Self.asOf)
            var expected: [String: Int] = [:]
            func reach(_ removed: Int) -> Set<Int> {
                var seen: Set<Int> = [0], stack = [0]
                while let x = stack.popLast() {
                    for (a, b) in edges where a != removed && b != removed {
                        for (p, q) in [(a, b), (b, a)] where p == x && !seen.contains(q) { seen.insert(q); stack.append(q) }
                    }
                }
                return seen
            }
            let all = reach(-1)
            for w in 1..<n where all.contains(w) {
                let lost = all.subtracting(reach(w)).subtracting([w]).count
                if lost > 0 { expected[String(format: "p%02d", w)] = lost }
            }
            let got = Dictionary(uniqueKeysWithValues: r.gaps.map { ($0.partners[0], Int($0.score!)) })
            #expect(got == expected, "seed \(seed)")
        }
    }
}

/// A tiny seeded generator (SplitMix64) so failures name their seed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Gaps on the seed graph")
struct SeedGapsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let asOf = Day(year: 2016, month: 11, day: 1)!

    func seed() throws -> PartnerNetwork {
        try GraphFile.load(path: Self.root.appendingPathComponent("Graphs/unesco-human-rights.yaml").path)
    }

    @Test func advancedCourseCountsOnlyWithinItsLookback() throws {
        let net = try seed()
        var s = Strategy()
        s.partners = [ExpectedPartner(id: "abo-ihr")]
        s.kinds = [.uncoveredPartner, .isolatedPartner]
        // Default lookback for joint activities is 3 years: 2009-08-28 < 2013-11-01, not current.
        let r3 = try GapFinder(network: net, strategy: s).report(asOf: Self.asOf)
        #expect(r3.gaps.map(\.kind) == [.uncoveredPartner, .isolatedPartner])
        #expect(r3.gaps.allSatisfy { $0.partners == ["abo-ihr"] && $0.evidence.map(\.tie) == ["advanced-course-2009"] })
        #expect(r3.gaps[0].evidence[0].start == PartialDate("2009-08-17") && r3.gaps[0].evidence[0].end == PartialDate("2009-08-28"))
        // With 8 years the window starts 2008-11-01: the course is current.
        let r8 = try GapFinder(network: net, strategy: s).report(asOf: Self.asOf, lookback: Lookback(years: 8))
        #expect(r8.gaps.isEmpty)
        #expect(r8.coverage.partners[0].currentTypes == ["joint-activity"])
        // 7 years: window starts 2009-11-01, after the course ended.
        #expect(try GapFinder(network: net, strategy: s).report(asOf: Self.asOf, lookback: Lookback(years: 7)).gaps.count == 2)
    }

    @Test func seedStarHasNoBrokerAndEveryPairIsABridge() throws {
        let r = try GapFinder(network: try seed()).report(asOf: Self.asOf)
        #expect(!r.gaps.contains { $0.kind == .singleBroker })
        // 16 current ties on 15 pairs, all with unesco: every pair is a bridge cutting off one partner.
        let bridges = r.gaps.filter { $0.kind == .bridgeTie }
        #expect(bridges.count == 15 && bridges.allSatisfy { $0.score == 1 && $0.partners.contains("unesco") })
        // 15 liaisons, none with a joint activity in 2 years.
        #expect(r.gaps.filter { $0.kind == .dormantLiaison }.count == 15)
        // Star with 15 leaves: every leaf pair has AA 1/ln 15.
        let links = r.gaps.filter { $0.kind == .missingLink }
        #expect(links.count == 10 && links.allSatisfy { abs($0.score! - 1 / log(15.0)) < 1e-12 })
    }
}
