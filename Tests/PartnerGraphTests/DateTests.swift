import Testing
@testable import PartnerGraph

@Suite struct DayTests {
    @Test func epochAndKnownOrdinals() {
        #expect(Day(year: 1970, month: 1, day: 1)!.ordinal == 0)
        #expect(Day(year: 2000, month: 3, day: 1)!.ordinal == 11_017)  // hand: 30 years + 7 leap days + 59 days = 10957 + 60
        #expect(Day(year: 1969, month: 12, day: 31)!.ordinal == -1)
    }

    @Test(arguments: [(2003, 12, 31), (2004, 2, 29), (1816, 1, 1), (2016, 11, 1), (1, 1, 1), (9999, 12, 31)])
    func componentsRoundTrip(y: Int, m: Int, d: Int) {
        let day = Day(year: y, month: m, day: d)!
        #expect(day.components == (y, m, d))
    }

    @Test func rejectsImpossibleDays() {
        #expect(Day(year: 2009, month: 2, day: 29) == nil)
        #expect(Day(year: 2009, month: 13, day: 1) == nil)
        #expect(Day(year: 1900, month: 2, day: 29) == nil)
        #expect(Day(year: 2000, month: 2, day: 29) != nil)
    }

    @Test func calendarArithmeticClampsToMonthEnd() {
        #expect(Day(year: 2004, month: 2, day: 29)!.adding(years: -1).description == "2003-02-28")
        #expect(Day(year: 2016, month: 11, day: 1)!.adding(years: -3).description == "2013-11-01")
        #expect(Day(year: 2016, month: 3, day: 31)!.adding(months: -1).description == "2016-02-29")
        #expect(Day(year: 2016, month: 1, day: 15)!.adding(months: -13).description == "2014-12-15")
        #expect(Day(year: 2003, month: 12, day: 31)!.adding(days: 1).description == "2004-01-01")
    }
}

@Suite struct PartialDateTests {
    @Test func parsesThreePrecisions() throws {
        let y = try #require(PartialDate("2003"))
        let m = try #require(PartialDate("2009-08"))
        let d = try #require(PartialDate("2009-08-17"))
        #expect(y.precision == .year && m.precision == .month && d.precision == .day)
        #expect(y.description == "2003" && m.description == "2009-08" && d.description == "2009-08-17")
    }

    @Test func startIsFirstDayEndIsLastDay() {
        #expect(PartialDate("2003")!.firstDay.description == "2003-01-01")
        #expect(PartialDate("2003")!.lastDay.description == "2003-12-31")
        #expect(PartialDate("2008-02")!.lastDay.description == "2008-02-29")
        #expect(PartialDate("2009-02")!.lastDay.description == "2009-02-28")
        #expect(PartialDate("2009-08-17")!.lastDay.description == "2009-08-17")
    }

    @Test func ordering() {
        let dates = ["2009-01-02", "2009", "2009-01-01", "2008-12-31", "2009-01"].map { PartialDate($0)! }
        #expect(dates.sorted().map(\.description) == ["2008-12-31", "2009", "2009-01", "2009-01-01", "2009-01-02"])
    }

    @Test func invalidMonthIsExplained() {
        guard case .failure(let p) = PartialDate.parse("2009-13-01") else {
            Issue.record("2009-13-01 parsed")
            return
        }
        #expect(p.message == "invalid date '2009-13-01': month 13 does not exist")
    }

    @Test func dayFirstDateGetsISOHint() {
        guard case .failure(let p) = PartialDate.parse("31.12.2003") else {
            Issue.record("31.12.2003 parsed")
            return
        }
        #expect(p.hint == "write it as 2003-12-31")
    }

    @Test(arguments: ["", "NA", "03", "2003-1-5", "2003/12/31", "2009-02-30", " 2003", "２００３"])
    func rejects(_ text: String) {
        #expect(PartialDate(text) == nil)
    }
}

@Suite struct LookbackTests {
    @Test func parses() {
        #expect(Lookback("3") == Lookback(years: 3))
        #expect(Lookback("18m") == Lookback(months: 18))
        #expect(Lookback("1y6m") == Lookback(years: 1, months: 6))
        #expect(Lookback("90d") == Lookback(days: 90))
        #expect(Lookback("0") == .zero)
        #expect(Lookback("3x") == nil)
        #expect(Lookback("y") == nil)
        #expect(Lookback("1y1y") == nil)
    }

    @Test func descriptionRoundTrips() {
        for l in [Lookback(years: 3), Lookback(months: 18), Lookback(years: 1, months: 6, days: 2), .zero] {
            #expect(Lookback(l.description) == l)
        }
    }
}
