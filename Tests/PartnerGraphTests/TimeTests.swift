import Testing
@testable import PartnerGraph

/// Hand-built network; every expectation below is worked out by hand from
/// DESIGN.md "Time": current at D when the interval meets [D − lookback, D].
@Suite struct TimeTests {
    static func net() -> PartnerNetwork {
        let partners = ["a", "b", "c", "d"].map { Partner(id: $0, name: $0.uppercased(), kind: "k") }
        let ties = [
            Tie(id: "ended-day-before", type: "agreement", source: "a", target: "b", start: PartialDate("2010"), end: PartialDate("2016-10-31")),
            Tie(id: "ends-on-day", type: "agreement", source: "a", target: "c", start: PartialDate("2010"), end: PartialDate("2016-11-01")),
            Tie(id: "ends-after", type: "agreement", source: "a", target: "d", start: PartialDate("2010"), end: PartialDate("2016-11-02")),
            Tie(id: "course-2009", type: "joint-activity", source: "b", target: "c", start: PartialDate("2009-08-17"), end: PartialDate("2009-08-28")),
            Tie(id: "event-2014", type: "joint-activity", source: "c", target: "d", start: PartialDate("2014")),
            Tie(id: "future", type: "liaison", source: "b", target: "d", start: PartialDate("2017")),
            Tie(id: "year-end", type: "agreement", source: "b", target: "c", start: PartialDate("2001"), end: PartialDate("2016")),
            Tie(id: "undated", type: "liaison", source: "a", target: "b"),
        ]
        return PartnerNetwork(partners: partners, ties: ties)
    }

    let asOf = Day(year: 2016, month: 11, day: 1)!

    @Test func boundaryDates() {
        let n = Self.net()
        let ids = n.currentTies(at: asOf).map { n.ties[$0].id! }
        // ended the day before: not current; ends on the day and after: current;
        // the 2009 course is outside the 3-year lookback (2013-11-01 … 2016-11-01);
        // an event dated 2014 lasts all of 2014 and is inside it; "2016" as an end
        // means 2016-12-31; undated ties are always current; 2017 is upcoming.
        #expect(ids == ["ends-on-day", "ends-after", "event-2014", "year-end", "undated"])
        #expect(n.state(of: n.ties[0], at: asOf) == .ended)
        #expect(n.state(of: n.ties[5], at: asOf) == .upcoming)
    }

    @Test func lapsedAgreementsAreTheLatestEndsOfTheirPairWhenPast() {
        let partners = ["a", "b", "c", "d", "e"].map { Partner(id: $0, name: $0.uppercased(), kind: "k") }
        let ties = [
            // a–b: renewed by an open agreement (written b→a): nothing lapsed.
            Tie(type: "agreement", source: "a", target: "b", start: PartialDate("2003"), end: PartialDate("2008")),
            Tie(type: "agreement", source: "b", target: "a", start: PartialDate("2009")),
            // a–c: two ended; only the later one lapsed.
            Tie(type: "agreement", source: "a", target: "c", start: PartialDate("2003"), end: PartialDate("2008")),
            Tie(type: "agreement", source: "a", target: "c", start: PartialDate("2009"), end: PartialDate("2012-06")),
            // a–d: two share the latest end (2012 = 2012-12-31): both lapsed.
            Tie(type: "agreement", source: "a", target: "d", end: PartialDate("2012")),
            Tie(type: "agreement", source: "d", target: "a", end: PartialDate("2012-12-31")),
            // a–e: ends on the as-of day, so not before it: not lapsed; a liaison never lapses.
            Tie(type: "agreement", source: "a", target: "e", end: PartialDate("2016-11-01")),
            Tie(type: "liaison", source: "a", target: "e", start: PartialDate("2001"), end: PartialDate("2002")),
            // b–c: an "mou" (only with agreementTypes naming it) ended 2010; an undated one.
            Tie(type: "mou", source: "b", target: "c", start: PartialDate("2005"), end: PartialDate("2010")),
            Tie(type: "agreement", source: "b", target: "c"),
        ]
        let n = PartnerNetwork(partners: partners, ties: ties)
        #expect(n.lapsedAgreements(at: asOf) == [3, 4, 5])
        #expect(n.lapsedAgreements(at: asOf, agreementTypes: ["mou"]) == [8])
        #expect(n.lapsedAgreements(at: Day(year: 2016, month: 11, day: 2)!) == [3, 4, 5, 6])
        // Before a–c's second agreement ended, only a–c's first had ended, and it was renewed.
        #expect(n.lapsedAgreements(at: Day(year: 2010, month: 1, day: 1)!) == [])
    }

    @Test func lookbackBringsThe2009CourseBack() {
        let n = Self.net()
        // 2009-08-28 is within 7 years and 3 months of 2016-11-01, not within 7 years.
        #expect(n.isCurrent(n.ties[3], at: asOf, lookback: Lookback(years: 7, months: 3)))
        #expect(!n.isCurrent(n.ties[3], at: asOf, lookback: Lookback(years: 7)))
        #expect(n.isCurrent(n.ties[3], at: Day(year: 2012, month: 8, day: 28)!))
        #expect(!n.isCurrent(n.ties[3], at: Day(year: 2012, month: 8, day: 29)!))
    }

    @Test func declaredLookbackOverridesDefault() {
        var n = Self.net()
        n.settings = GraphSettings(tieTypes: [TieTypeSetting(name: "joint-activity", lookback: Lookback(years: 8))])
        #expect(n.isCurrent(n.ties[3], at: asOf))
        #expect(n.typeDefinition(of: n.ties[3]).weight == 2)
    }

    @Test func snapshotListsPartnersWithCurrentTies() {
        let n = Self.net()
        let s = n.snapshot(at: Day(year: 2009, month: 8, day: 20)!)
        // The 2010 agreements have not started; the course, the 2001–2016 agreement and the undated liaison are current.
        #expect(s.tieIndices.map { n.ties[$0].id! } == ["course-2009", "year-end", "undated"])
        #expect(s.partnerIndices == [0, 1, 2])
    }

    @Test func windowQuery() {
        let n = Self.net()
        let w = DayInterval(start: Day(year: 2017, month: 1, day: 1)!, end: Day(year: 2017, month: 12, day: 31)!)
        #expect(n.ties(within: w).map { n.ties[$0].id! } == ["future", "undated"])
    }

    @Test func activitySpans() {
        let n = Self.net()
        let c = n.activity(ofPartner: "c")
        #expect(c.first?.description == "2001-01-01")
        #expect(c.last?.description == "2016-12-31")
        #expect(c.isOngoing == false)
        #expect(c.tieCount == 4)
        let bc = n.activity(between: "c", and: "b")
        #expect(bc.tieCount == 2 && bc.first?.description == "2001-01-01")
        let byPartner = n.activityByPartner()
        #expect(byPartner[2] == c)
        #expect(byPartner[1].isOngoing)  // "future" and "undated" liaisons have no end
    }
}
