import Foundation
import Testing
import PartnerGraph
import PartnerGraphIO
@testable import PartnerAnalysis

/// Gaps on a declared two-mode graph propose no tie a two-mode network cannot have.
@Suite struct TwoModeGapsTests {
    static func davis() throws -> PartnerNetwork {
        try GraphFile.load(path: BipartiteTests.root.appendingPathComponent("Graphs/davis-southern-women.yaml").path)
    }

    static let asOf = Day(year: 1934, month: 1, day: 1)!

    func strategy() -> Strategy {
        var s = Strategy()
        s.kinds = [.missingLink, .categoryGap]
        s.categoryPairs = [CategoryPair("woman", "woman"), CategoryPair("event", "event"), CategoryPair("woman", "event")]
        return s
    }

    @Test("Davis two-mode: no missing-link between two women or two events, no category gap within a side")
    func noSameSideSuggestions() throws {
        let net = try Self.davis()
        let r = try GapFinder(network: net, strategy: strategy(), focal: "evelyn-jefferson").report(asOf: Self.asOf, top: 1000)
        // Every pair at distance two is on one side (a woman's neighbours are events): nothing is left to propose.
        #expect(r.gaps.filter { $0.kind == .missingLink }.isEmpty)
        #expect(r.gaps.filter { $0.kind == .categoryGap }.isEmpty)
    }

    @Test("the same graph without settings.modes: women and events are proposed to each other's side, same-side category gaps found")
    func oneModeStillSuggests() throws {
        var net = try Self.davis()
        net.settings.modes = []
        let r = try GapFinder(network: net, strategy: strategy(), focal: "evelyn-jefferson").report(asOf: Self.asOf, top: 1000)
        let links = r.gaps.filter { $0.kind == .missingLink }
        // 18 women: 153 pairs, 139 share an event, none tied; 14 events: 91 pairs, 66 share a woman.
        #expect(links.count == 139 + 66)
        let kind = Dictionary(uniqueKeysWithValues: net.partners.map { ($0.id, $0.kind) })
        #expect(links.allSatisfy { kind[$0.partners[0]] == kind[$0.partners[1]] })
        #expect(r.gaps.filter { $0.kind == .categoryGap }.count == 2)
    }
}
