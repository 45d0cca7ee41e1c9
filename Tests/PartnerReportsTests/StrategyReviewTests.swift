import Foundation
import GraphvizRendering
import PartnerGraph
import PartnerGraphIO
import PartnerReports
import Testing

/// The strategy-review report is a library use case: built from a network and
/// a strategy with no command-line tool, it holds every section, and its
/// numbers are the data's (counted by hand from the seed graph).
@Suite struct StrategyReviewTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func reviewWithoutTheCLI() throws {
        var net = try GraphFile.load(path: Self.root.appendingPathComponent("Graphs/unesco-human-rights.yaml").path)
        let plan = try StrategyFile.load(path: Self.root.appendingPathComponent("Graphs/unesco-human-rights.strategy.yaml").path, network: net)
        net.focal = "unesco"
        let options = StrategyReview.Options(asOf: Day(year: 2016, month: 11, day: 1)!)
        #expect(options.before == Day(year: 2015, month: 11, day: 1)!)
        #expect(options.years == Array(2007...2016))
        let review = try StrategyReview(network: net, strategy: plan, options: options, renderer: GraphvizRenderer(warnings: .collect))
        #expect(review.document.sections.map(\.id) == ["network", "timeline", "coverage", "centrality", "gaps", "changes", "methods", "provenance"])
        // On 1 November 2016 the seed graph is a star: UNESCO and 15 partners with a current tie, of 17.
        #expect(review.keyFigures.first?.value == "16 of 17")
        #expect(review.diagramSVG.hasPrefix("<?xml") || review.diagramSVG.hasPrefix("<svg"))
        let html = review.document.html()
        #expect(html.contains("<section id=\"provenance\""))
        // Every tie of the file is in the provenance table: 17 rows.
        #expect(review.document.sections.last?.tables.first?.rows.count == 17)
    }
}
