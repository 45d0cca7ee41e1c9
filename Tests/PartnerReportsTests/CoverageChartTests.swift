import Foundation
import Testing
@testable import PartnerReports
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct CoverageChartTests {
    @Test func coloursSpanTheScale() {
        #expect(CoverageChart.fill(0) == "#f7fbff")
        #expect(CoverageChart.fill(1) == "#08306b")
        // Half way, by hand: (247+8)/2 = 127.5 → 128 = 0x80; (251+48)/2 = 149.5 → 150 = 0x96; (255+107)/2 = 181 = 0xb5.
        #expect(CoverageChart.fill(0.5) == "#8096b5")
        #expect(CoverageChart.fill(nil) == "#e0e0e0")
    }

    @Test func oneCellPerCategoryAndYearWithTitles() throws {
        let chart = CoverageChart(title: "Coverage & gaps", years: [2015, 2016], rows: [
            .init(label: "member-state", cells: [.init(covered: 1, known: 4), .init(covered: 3, known: 4)]),
            .init(label: "ngo", cells: [.init(covered: 0, known: 0), .init(covered: 2, known: 2)]),
        ])
        let svg = chart.svg()
        #expect(svg == chart.svg())
        let doc = try XMLDocument(data: Data(svg.utf8))
        #expect(try doc.nodes(forXPath: "//*[@class='cell']").count == 4)
        let titles = try doc.nodes(forXPath: "//*[@class='cell']/*[local-name()='title']").map { $0.stringValue ?? "" }
        #expect(titles == ["member-state, 2015: 1 of 4 covered (25%)", "member-state, 2016: 3 of 4 covered (75%)",
                           "ngo, 2015: 0 of 0 covered (no partners known)", "ngo, 2016: 2 of 2 covered (100%)"])
        #expect(try doc.nodes(forXPath: "/*/@role").first?.stringValue == "img")
        #expect(svg.contains("<title id=\"coverage-title\">Coverage &amp; gaps</title>"))
    }
}
