import Foundation
import Testing
import PartnerGraph
@testable import PartnerGraphIO

/// `settings.modes`: a graph file declares itself two-mode (issue #14).
@Suite struct TwoModeTests {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static let good = """
        title: Two modes
        settings:
          modes:
            - name: people
              kinds: [person, organisation]
            - name: events
              kinds: [event]
        partners:
          - {id: a, name: A, kind: person}
          - {id: b, name: B, kind: organisation}
          - {id: e, name: E, kind: event}
        ties:
          - {type: liaison, between: [a, e]}
          - {type: liaison, between: [b, e]}

        """

    func diagnostics(_ yaml: String) -> [String] {
        do {
            _ = try GraphFile.parse(yaml, format: .yaml, path: "m.yaml")
            return []
        } catch {
            return error.diagnostics.map { "\($0.line ?? 0):\($0.column ?? 0) \($0.message)" }
        }
    }

    func tempDir() -> String {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("pg-2m-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    @Test("a declaration reads into GraphSettings.modes; each partner's side is its kind")
    func reads() throws {
        let net = try GraphFile.parse(Self.good, format: .yaml, path: "m.yaml")
        #expect(net.settings.modes == [GraphMode(name: "people", kinds: ["person", "organisation"]),
                                       GraphMode(name: "events", kinds: ["event"])])
        #expect(net.settings.isTwoMode)
        #expect(net.partnerSides() == [0, 0, 1])
        #expect(try GraphFile.parse("partners: []\n", format: .yaml).settings.isTwoMode == false)
    }

    @Test("structural errors at their line and column: unknown key, missing field, not a list")
    func structuralErrors() {
        let unknown = Self.good.replacingOccurrences(of: "      kinds: [event]", with: "      kinds: [event]\n      colour: red")
        #expect(diagnostics(unknown) == ["8:7 unknown settings.modes field 'colour'"])
        let missing = Self.good.replacingOccurrences(of: "      kinds: [event]\n", with: "")
        #expect(diagnostics(missing) == ["6:7 side 'events' lists no partner kinds",
                                         "10:28 partner 'e' has kind 'event', which is on no side of the two-mode graph"])
        let notList = "settings:\n  modes: {women: [woman]}\npartners: []\n"
        #expect(diagnostics(notList) == ["2:10 'settings.modes' must be a list of two sides"])
        let typo = "settings:\n  mode: []\npartners: []\n"
        #expect(diagnostics(typo) == ["2:3 unknown settings field 'mode' (did you mean 'modes'?)"])
    }

    @Test("semantic errors: a kind on both sides, not two sides, a kind on no side, a tie within one side")
    func semanticErrors() {
        let both = Self.good.replacingOccurrences(of: "kinds: [event]", with: "kinds: [event, person]")
        #expect(diagnostics(both) == ["7:22 kind 'person' is on both sides ('people' and 'events')"])
        let three = Self.good.replacingOccurrences(of: "\npartners:", with: "\n    - name: places\n      kinds: [place]\npartners:")
        #expect(diagnostics(three) == ["4:5 a two-mode graph has exactly two sides, not 3"])
        let noSide = Self.good.replacingOccurrences(of: "{id: b, name: B, kind: organisation}", with: "{id: b, name: B, kind: organisaton}")
        #expect(diagnostics(noSide) == ["10:28 partner 'b' has kind 'organisaton', which is on no side of the two-mode graph (did you mean 'organisation'?)"])
        let sameSide = Self.good + "  - {type: liaison, between: [a, b]}\n"
        #expect(diagnostics(sameSide) == ["15:31 tie joins 'a' and 'b', both on side 'people' of the two-mode graph"])
    }

    @Test("round trip: YAML, JSON and the CSV pair's graph.yaml keep the sides; GraphML and GEXF say they drop them")
    func roundTrip() throws {
        let net = try GraphFile.parse(Self.good, format: .yaml, path: "m.yaml")
        for name in ["g.yaml", "g.json", "pair"] {
            let path = tempDir() + "/" + name
            try GraphFile.save(net, to: path)
            #expect(try GraphFile.load(path: path) == net, "\(name)")
        }
        let yaml = try GraphFile.text(of: net, format: .yaml)
        #expect(yaml.contains("settings:\n  modes:\n  - name: people\n    kinds: [person, organisation]\n") || yaml.contains("modes:"))
        for format in [GraphFormat.graphml, GraphFormat.gexf] {
            #expect(format.limitations(of: net).contains { $0.hasPrefix("settings.modes") })
        }
    }

    @Test("Graphs/davis-southern-women.yaml: 18 women and 14 events, 89 ties, each across the sides")
    func davis() throws {
        let net = try GraphFile.load(path: Self.repoRoot + "/Graphs/davis-southern-women.yaml")
        #expect(net.settings.modes.map(\.name) == ["women", "events"])
        let sides = net.partnerSides()
        #expect(sides.filter { $0 == 0 }.count == 18 && sides.filter { $0 == 1 }.count == 14)
        #expect(net.ties.count == 89)
    }

    @Test("HUGGO imported in bipartite mode: members (organisation, state) and groups (agreement)",
          .enabled(if: SharedData.available, "../shared/data is absent"))
    func huggoModes() throws {
        let bi = try CSVImporter.importFile(atPath: SharedData.path("manytrade_HUGGO_MEM_additional.csv"),
                                            mapping: ImportMapping.load(path: SharedData.example("huggo-bipartite.mapping.yaml")))
        #expect(bi.network.settings.modes == [GraphMode(name: "members", kinds: ["organisation", "state"]),
                                              GraphMode(name: "groups", kinds: ["agreement"])])
        #expect(bi.network.problems().isEmpty)
    }

    @Test("import in bipartite mode declares the members' and the groups' kinds as the two sides")
    func importDeclaresModes() throws {
        let m = try ImportMapping.parse(ImportTests.membershipMapping.replacingOccurrences(of: "projected", with: "bipartite")
            .replacingOccurrences(of: "groups: {id: group}", with: "groups: {id: group, kind: agreement}"), path: "m.yaml")
        let r = try CSVImporter.importCSV(ImportTests.memberships, path: "mem.csv", mapping: m)
        #expect(r.network.settings.modes == [GraphMode(name: "members", kinds: ["state"]), GraphMode(name: "groups", kinds: ["agreement"])])
        // Projected imports are one-mode.
        let p = try CSVImporter.importCSV(ImportTests.memberships, path: "mem.csv",
                                          mapping: ImportMapping.parse(ImportTests.membershipMapping, path: "m.yaml"))
        #expect(!p.network.settings.isTwoMode)
        // A kind on both sides: not declared, with a warning.
        let clash = try ImportMapping.parse(ImportTests.membershipMapping.replacingOccurrences(of: "projected", with: "bipartite")
            .replacingOccurrences(of: "groups: {id: group}", with: "groups: {id: group, kind: state}"), path: "m.yaml")
        let c = try CSVImporter.importCSV(ImportTests.memberships, path: "mem.csv", mapping: clash)
        #expect(!c.network.settings.isTwoMode)
        #expect(c.report.warnings.contains { $0.message.contains("share the kind 'state'") })
    }
}
