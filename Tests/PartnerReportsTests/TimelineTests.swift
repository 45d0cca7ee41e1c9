import Foundation
import Testing
import PartnerGraph
@testable import PartnerReports
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct TimelineTests {
    static let asOf = Day(year: 2016, month: 11, day: 1)!

    static func network() -> PartnerNetwork {
        let partners = [Partner(id: "u", name: "UNESCO", kind: "agency"), Partner(id: "o", name: "OHCHR", kind: "office"),
                        Partner(id: "a", name: "Åbo Akademi <IHR> & \"friends\"", kind: "institute"),
                        Partner(id: "i", name: "ILO", kind: "agency")]
        let ties = [
            Tie(id: "mou", type: "agreement", source: "u", target: "o", start: PartialDate("2003"), end: PartialDate("2008")),
            Tie(id: "mou2", type: "agreement", source: "u", target: "o", start: PartialDate("2009"), end: PartialDate("2012")),
            Tie(id: "course", type: "joint-activity", source: "a", target: "u", isDirected: true, start: PartialDate("2009-08-17"), end: PartialDate("2009-08-28")),
            Tie(id: "ilo", type: "liaison", source: "u", target: "i"),
            Tie(id: "ilo-mou", type: "agreement", source: "u", target: "i", start: PartialDate("2010")),
        ]
        return PartnerNetwork(title: "T", focal: "u", partners: partners, ties: ties)
    }

    @Test func rowsAreGroupedByKindAndSorted() {
        let t = Timeline(network: Self.network(), asOf: Self.asOf, focal: "u")
        let groups = t.rows()
        #expect(groups.map(\.kind) == ["agency", "institute", "office"])
        #expect(groups[0].rows.map(\.partner.id) == ["i"])
        #expect(groups[2].rows[0].ties == [0, 1])
    }

    @Test func lapsedMeansEndedWithoutALaterAgreement() {
        let t = Timeline(network: Self.network(), asOf: Self.asOf, focal: "u")
        // mou (2003–2008) was followed by mou2 (2009–2012); mou2 ended in 2012 and nothing followed.
        let lapsed = t.lapsedTies()
        #expect(!lapsed.contains(0))
        #expect(lapsed.contains(1))
        #expect(!lapsed.contains(4))  // ongoing
    }

    @Test func svgIsWellFormedAccessibleAndDeterministic() throws {
        let t = Timeline(network: Self.network(), asOf: Self.asOf, focal: "u", fromYear: 2000, toYear: 2016)
        let svg = t.svg()
        #expect(svg == t.svg())
        let doc = try XMLDocument(data: Data(svg.utf8))
        #expect(try doc.nodes(forXPath: "/*/@role").first?.stringValue == "img")
        #expect(try doc.nodes(forXPath: "/*/@aria-labelledby").first?.stringValue == "timeline-title timeline-desc")
        #expect(try doc.nodes(forXPath: "/*/@viewBox").count == 1)
        #expect(try doc.nodes(forXPath: "//*[local-name()='title' and @id='timeline-title']").first?.stringValue == "Ties of UNESCO over time")
        // One row per counterpart: ILO, Åbo Akademi, OHCHR.
        #expect(try doc.nodes(forXPath: "//*[local-name()='g'][@class='row']").count == 3)
        // Escaped text survives as text.
        #expect(svg.contains("Åbo Akademi &lt;IHR&gt; &amp; &quot;friends&quot;"))
        // The lapsed agreement and the event are marked, each with a hover title.
        #expect(try doc.nodes(forXPath: "//*[contains(@class,'lapsed') and contains(@class,'tie')]").count == 1)
        #expect(try doc.nodes(forXPath: "//*[contains(@class,'event') and contains(@class,'tie')]").count == 1)
        #expect(try doc.nodes(forXPath: "//*[@class='row']//*[contains(@class,'undated')]").count == 1)
        #expect(!svg.contains("<script"))
    }

    @Test func barsSitOnTheAxisScale() throws {
        // 2000-01-01 … 2016-12-31 is 6210 days; 2003-01-01 is 1096 days in.
        // The axis line runs from the first day to the end of the last one.
        let t = Timeline(network: Self.network(), asOf: Self.asOf, focal: "u", fromYear: 2000, toYear: 2016)
        let doc = try XMLDocument(data: Data(t.svg().utf8))
        func number(_ xpath: String) throws -> Double {
            let text = try doc.nodes(forXPath: xpath).first?.stringValue
            return try #require(text.flatMap(Double.init), "no number at \(xpath)")
        }
        let left = try number("//*[@class='axis']/*[local-name()='line'][1]/@x1")
        let right = try number("//*[@class='axis']/*[local-name()='line'][1]/@x2")
        let expected = left + 1096.0 / 6210.0 * (right - left)
        let starts = try doc.nodes(forXPath: "//*[contains(@class,'tie')]/@x").compactMap { $0.stringValue.flatMap(Double.init) }
        #expect(starts.contains { abs($0 - expected) < 0.01 }, "no bar starts at \(expected): \(starts)")
        // The plot fills the page: 16 cm is 453.54 pt, less the margins.
        #expect(right > 400 && right < 453.54)
    }
}
