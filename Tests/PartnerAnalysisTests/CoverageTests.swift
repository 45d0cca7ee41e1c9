import PartnerGraph
import PartnerGraphIO
import Testing
@testable import PartnerAnalysis

/// Coverage of `GapFixture` (see GapsTests.swift), worked out by hand.
@Suite("Coverage")
struct CoverageTests {
    static let asOf = Day(year: 2016, month: 11, day: 1)!

    func coverage(_ s: Strategy = GapFixture.strategy) throws -> Coverage {
        try Coverage(network: try GapFixture.network(), strategy: s)
    }

    @Test func categoriesAsOfTheReferenceDate() throws {
        let r = try coverage().report(asOf: Self.asOf)
        #expect(r.focal == "f" && r.asOf == Self.asOf)
        #expect(r.categories.map(\.kind) == ["agency", "ngo", "institute", "state"])  // strategy order
        let agency = r.categories[0]
        #expect(agency.known == ["a1", "a2", "a3", "newco"])   // newco is named by the strategy only
        #expect(agency.covered == ["a2", "a3"])
        #expect(agency.byType == [TypeCount(type: "agreement", partners: 2), TypeCount(type: "liaison", partners: 1)])
        #expect(agency.share == 0.5 && !agency.isMet)
        #expect(agency.lastActivity == .ongoing)              // ag-on ends on the as-of date
        let ngo = r.categories[1]
        #expect(ngo.covered == ["n1", "n2"])
        #expect(ngo.byType.map(\.type) == ["agreement", "joint-activity", "liaison"])
        #expect(ngo.byType.map(\.partners) == [2, 1, 1])
        let institute = r.categories[2]
        #expect(institute.known == ["r1"] && institute.covered.isEmpty)
        #expect(institute.lastActivity == .ended(Day(year: 2005, month: 3, day: 31)!))  // 2005-03 ends on its last day
        #expect(institute.share == 0)
        let state = r.categories[3]
        #expect(state.covered == ["s1"] && state.isMet)
        #expect(state.byType.map(\.type) == ["agreement", "liaison"])
    }

    @Test func namedPartners() throws {
        let r = try coverage().report(asOf: Self.asOf)
        #expect(r.partners.map(\.id) == ["a1", "s1", "newco"])
        let a1 = r.partners[0]
        #expect(!a1.isCovered && a1.inGraph)
        #expect(a1.lastActivity == .ended(Day(year: 2016, month: 10, day: 31)!))
        let net = try GapFixture.network()
        #expect(a1.lastTie.map(net.reference(ofTie:)) == "ag-before")
        #expect(r.partners[1].currentTypes == ["agreement", "liaison"])
        let newco = r.partners[2]
        #expect(!newco.inGraph && !newco.isCovered && newco.name == "New Co" && newco.kind == "agency")
        #expect(newco.lastActivity == .never)
    }

    @Test func withoutCategoriesEveryKindButTheFocalsOwnIsListed() throws {
        let r = try coverage(Strategy()).report(asOf: Self.asOf)
        // f is the only hub and is excluded from what it covers.
        #expect(r.categories.map(\.kind) == ["agency", "institute", "network", "ngo", "state"])
        #expect(r.categories.allSatisfy { $0.minimum == 1 })
        // b1, b2 are tied to a3, not to f.
        #expect(r.categories[2].covered.isEmpty && r.categories[2].known == ["b1", "b2"])
        #expect(r.partners.isEmpty)
    }

    @Test func trendFollowsTheLookback() throws {
        let c = try coverage()
        func institute(_ year: Int) -> Int {
            c.report(asOf: Day(year: year, month: 12, day: 31)!).categories[2].covered.count
        }
        // ja-2005 (2005-03) is current while 31 December is within 3 years of 2005-03-31.
        #expect([2004, 2005, 2006, 2007, 2008].map(institute) == [0, 1, 1, 1, 0])
        // With lookback 0 a joint activity counts only on its own days.
        let zero = c.report(asOf: Self.asOf, lookback: .zero)
        #expect(zero.categories[1].byType.map(\.type) == ["agreement", "liaison"])
    }

    @Test func seedResearchInstitutesAndTheAdvancedCourse() throws {
        let net = try GraphFile.load(path: SeedGapsTests.root.appendingPathComponent("Graphs/unesco-human-rights.yaml").path)
        var s = Strategy()
        s.categories = [ExpectedCategory(kind: "research-institute")]
        let c = try Coverage(network: net, strategy: s)
        let r3 = c.report(asOf: Self.asOf)
        #expect(r3.categories[0].known == ["abo-ihr", "research-institutions"])
        #expect(r3.categories[0].covered == ["research-institutions"])
        let r8 = c.report(asOf: Self.asOf, lookback: Lookback(years: 8))
        #expect(r8.categories[0].covered == ["abo-ihr", "research-institutions"])
        #expect(r8.categories[0].byType == [TypeCount(type: "joint-activity", partners: 1), TypeCount(type: "liaison", partners: 1)])
    }
}
