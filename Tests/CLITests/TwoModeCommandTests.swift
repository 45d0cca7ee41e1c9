import Foundation
import PartnerGraph
import PartnerGraphIO
import Testing

/// NetworkX `bipartite` values for Davis Southern Women (written by
/// Tests/PartnerAnalysisTests/make_bipartite_fixtures.py).
enum DavisFixture {
    static let graph = "Graphs/davis-southern-women.yaml"
    nonisolated(unsafe) static let object: [String: Any] = {
        let url = CLIRunner.repoRoot.appendingPathComponent("Tests/PartnerAnalysisTests/davis-bipartite.json")
        return (try? JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]) ?? [:]
    }()
    static var nodes: [String: [String: Any]] { object["nodes"] as? [String: [String: Any]] ?? [:] }
    static func pairs(_ side: String) -> [[String: Any]] {
        ((object["projections"] as? [String: Any])?[side] as? [String: Any])?["pairs"] as? [[String: Any]] ?? []
    }
    static func number(_ o: [String: Any]?, _ key: String) -> Double? { (o?[key] as? NSNumber)?.doubleValue }
}

/// `analyze` on a declared two-mode graph: per-side measures in every format.
@Suite struct TwoModeAnalyzeTests {
    @Test("analyze --format json on Davis: both sides, all 32 partners, NetworkX bipartite degree, betweenness and closeness (1e-12)")
    func jsonMatchesNetworkX() throws {
        let r = try CLIRunner.run(["analyze", DavisFixture.graph, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["twoMode"] as? Bool == true)
        let sides = try #require(object["sides"] as? [[String: Any]])
        #expect(sides.map { $0["name"] as? String } == ["women", "events"])
        #expect(sides.map { $0["size"] as? Int } == [18, 14])
        var seen = 0
        for side in sides {
            for row in try #require(side["partners"] as? [[String: Any]]) {
                let id = try #require(row["id"] as? String)
                let expected = try #require(DavisFixture.nodes[id], "\(id)")
                #expect(expected["side"] as? String == side["name"] as? String)
                #expect(row["degree"] as? Int == expected["degree"] as? Int)
                for key in ["degreeCentrality", "betweenness", "closeness"] {
                    let ours = try #require(DavisFixture.number(row, key)), theirs = try #require(DavisFixture.number(expected, key))
                    #expect(abs(ours - theirs) < 1e-12, "\(id) \(key): \(ours) vs \(theirs)")
                }
                seen += 1
            }
        }
        #expect(seen == 32)
    }

    @Test("table, CSV and Markdown list each side apart; --top and --sort-by rank within a side")
    func textFormats() throws {
        let table = try CLIRunner.run(["analyze", DavisFixture.graph, "--as-of", "1934", "--top", "2"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.hasPrefix("As of 1934-12-31: two-mode (women and events); 32 partners, 89 current ties, 89 pairs; unweighted; NetworkX bipartite normalisations;"))
        #expect(table.stdout.contains("\nwomen (18 partners; kind woman)\n") && table.stdout.contains("\nevents (14 partners; kind event)\n"))
        // Highest betweenness: Nora Fayette (0.1135) and Evelyn Jefferson (0.0966); events 8 and 9.
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("nora-fayette ") || $0.hasPrefix("evelyn-jefferson ") }.count == 2)
        #expect(lines.filter { $0.hasPrefix("e8 ") || $0.hasPrefix("e9 ") }.count == 2)
        #expect(lines.count == 1 + (1 + 2 + 2) * 2)  // settings line; per side: heading, header, rule, 2 rows (blank lines dropped)
        let csv = try CLIRunner.run(["analyze", DavisFixture.graph, "--format", "csv", "--sort-by", "degree", "--top", "1", "--measures", "degree,closeness"])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout == "side,id,name,kind,degree,closeness\nwomen,evelyn-jefferson,Evelyn Jefferson,woman,8,0.8\nevents,e8,Event 8,event,14,0.8461538461538461\n")
        let md = try CLIRunner.run(["analyze", DavisFixture.graph, "--format", "markdown", "--kind", "event", "--top", "3"])
        #expect(md.status == 0, "\(md.stderr)")
        #expect(md.stdout.contains("\n### women (18 partners; kind woman)\n") && md.stdout.contains("\n### events (14 partners; kind event)\n"))
        #expect(md.stdout.contains("| e8 "))
        #expect(!md.stdout.contains("| nora-fayette "))
    }

    @Test("--years: one two-mode snapshot per year as of 31 December (none of Davis's 1933 ties in 1932)")
    func years() throws {
        let csv = try CLIRunner.run(["analyze", DavisFixture.graph, "--years", "1932...1933", "--top", "1", "--measures", "degree", "--sort-by", "degree", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout == """
            year,side,id,name,kind,degree
            1932,women,brenda-rogers,Brenda Rogers,woman,0
            1932,events,e1,Event 1,event,0
            1933,women,evelyn-jefferson,Evelyn Jefferson,woman,8
            1933,events,e8,Event 8,event,14

            """)
        let table = try CLIRunner.run(["analyze", DavisFixture.graph, "--years", "1932...1934", "--measures", "betweenness"])
        #expect(table.status == 0 && table.stdout.contains("\nwomen: betweenness\n") && table.stdout.contains("\nevents: betweenness\n"))
    }

    @Test("--one-mode gives the one-mode analysis; options of the one-mode analysis are refused on a two-mode graph (exit 64)")
    func modes() throws {
        let one = try CLIRunner.run(["analyze", DavisFixture.graph, "--one-mode", "--format", "json"])
        #expect(one.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])
        #expect(object["twoMode"] == nil && object["articulationPoints"] != nil)
        let weighted = try CLIRunner.run(["analyze", DavisFixture.graph, "--weighted"])
        #expect(weighted.status == 64)
        #expect(weighted.stderr.contains("--weighted does not apply to the two-mode measures") && weighted.stderr.contains("--one-mode"))
        let measure = try CLIRunner.run(["analyze", DavisFixture.graph, "--measures", "pagerank"])
        #expect(measure.status == 64 && measure.stderr.contains("'pagerank' is not a two-mode measure"))
        let notTwoMode = try CLIRunner.run(["analyze", "Graphs/unesco-human-rights.yaml", "--two-mode"])
        #expect(notTwoMode.status == 64 && notTwoMode.stderr.contains("does not declare two sides"))
        let both = try CLIRunner.run(["analyze", DavisFixture.graph, "--two-mode", "--one-mode"])
        #expect(both.status == 64)
    }
}

/// `validate` on a two-mode declaration: every problem at its line and column.
@Suite struct TwoModeValidateTests {
    @Test("a kind on both sides, a partner on no side and a tie within one side, each with file:line:column; exit 1")
    func problems() throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
            settings:
              modes:
                - {name: women, kinds: [woman]}
                - {name: events, kinds: [event, woman]}
            partners:
              - {id: a, name: A, kind: woman}
              - {id: b, name: B, kind: woman}
              - {id: e, name: E, kind: evnt}
            ties:
              - {type: liaison, between: [a, b]}
              - {type: liaison, between: [a, e]}

            """.write(to: dir.appendingPathComponent("m.yaml"), atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["validate", "m.yaml"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("m.yaml:4:37: error: kind 'woman' is on both sides ('women' and 'events')"), "\(r.stderr)")
        #expect(r.stderr.contains("m.yaml:8:28: error: partner 'e' has kind 'evnt', which is on no side of the two-mode graph (did you mean 'event'?)"))
        #expect(r.stderr.contains("m.yaml:10:31: error: tie joins 'a' and 'b', both on side 'women' of the two-mode graph"))
        #expect(r.stderr.contains("hint: in a two-mode graph every tie joins a partner of one side to a partner of the other"))
    }
}

/// `render` of a declared two-mode graph: one column per side.
@Suite struct TwoModeRenderTests {
    /// Node centres (points) by kind from the pinned DOT of `render --format dot`.
    static func centres(_ dot: String) -> [String: [(x: Double, y: Double)]] {
        var out: [String: [(x: Double, y: Double)]] = [:]
        for line in dot.split(separator: "\n") {
            guard let k = line.range(of: "class=\"kind-"), let p = line.range(of: "pos=\"") else { continue }
            let kind = line[k.upperBound...].prefix { $0 != "\"" && $0 != " " }
            let xy = line[p.upperBound...].prefix { $0 != "!" && $0 != "\"" }.split(separator: ",").compactMap { Double($0) }
            if xy.count == 2 { out[String(kind), default: []].append((xy[0], xy[1])) }
        }
        return out
    }

    @Test("Davis by default: dot with the 18 women in one column and the 14 events in another, to their right")
    func twoColumns() throws {
        let r = try CLIRunner.run(["render", DavisFixture.graph, "--as-of", "1934", "--format", "dot", "-o", "-"])
        #expect(r.status == 0, "\(r.stderr)")
        let c = Self.centres(r.stdout)
        let women = try #require(c["woman"]), events = try #require(c["event"])
        #expect(women.count == 18 && events.count == 14)
        let wx = women.map(\.x), ex = events.map(\.x)
        // Each side shares one x (a band under 1 pt wide); the bands are far apart.
        #expect(wx.max()! - wx.min()! < 1 && ex.max()! - ex.min()! < 1, "women \(wx), events \(ex)")
        #expect(ex.min()! - wx.max()! > 60)
        // An engine asked for by name is used as is: neato does not band the sides.
        let neato = Self.centres(try CLIRunner.run(["render", DavisFixture.graph, "--as-of", "1934", "--engine", "neato",
                                                    "--format", "dot", "-o", "-"]).stdout)
        let nx = try #require(neato["woman"]).map(\.x)
        #expect(nx.max()! - nx.min()! > 20)
    }
}

/// `gaps` on a declared two-mode graph.
@Suite struct TwoModeGapsCommandTests {
    @Test("gaps on Davis proposes no introduction between two women or two events (every pair at distance two is on one side)")
    func noSameSideIntroductions() throws {
        let r = try CLIRunner.run(["gaps", DavisFixture.graph, "--focal", "evelyn-jefferson", "--gap-kind", "missing-link",
                                   "--as-of", "1934", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect((object["gaps"] as? [Any])?.isEmpty == true)
        // Its one-mode copy (settings.modes removed) proposes women to women.
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var net = try GraphFile.load(path: CLIRunner.repoRoot.appendingPathComponent(DavisFixture.graph).path)
        net.settings.modes = []
        let copy = dir.appendingPathComponent("one-mode.yaml").path
        try GraphFile.save(net, to: copy)
        let one = try CLIRunner.run(["gaps", copy, "--focal", "evelyn-jefferson", "--gap-kind", "missing-link", "--as-of", "1934", "--format", "csv"])
        #expect(one.status == 0 && one.stdout.contains("missing-link"))
    }
}

/// `partnergraph project`: the one-mode graph of one side.
@Suite struct ProjectCommandTests {
    @Test("project --weighting count|ratio|newman writes the side's graph with NetworkX's projected weights for every pair",
          arguments: [("women", "woman"), ("events", "event")], ["count", "ratio", "newman"])
    func weights(_ side: (String, String), _ weighting: String) throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("p.yaml").path
        // --side takes the side's name or one of its kinds.
        let r = try CLIRunner.run(["project", DavisFixture.graph, "--side", weighting == "ratio" ? side.0 : side.1,
                                   "--weighting", weighting, "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        let net = try GraphFile.load(path: out)
        #expect(!net.settings.isTwoMode)
        #expect(net.partners.count == (side.0 == "women" ? 18 : 14) && net.partners.allSatisfy { $0.kind == side.1 })
        let expected = DavisFixture.pairs(side.0)
        #expect(net.ties.count == expected.count)
        var byPair: [String: Tie] = [:]
        for t in net.ties { byPair[[t.source, t.target].sorted().joined(separator: " ")] = t }
        for e in expected {
            let key = "\(e["u"] as! String) \(e["v"] as! String)"
            let t = try #require(byPair[key], "\(key)")
            let w = try #require(DavisFixture.number(e, weighting))
            #expect(abs(t.weight! - w) < 1e-12, "\(key): \(t.weight!) vs \(w)")
            #expect(t.attributes["shared"] == .integer(e["count"] as! Int))
            #expect(t.type == "shared-partners")
        }
        #expect(net.attributes["projection-weighting"] == .string(weighting))
    }

    @Test("project to standard output with --format, to a CSV pair, and the projection analyses as a one-mode graph")
    func formats() throws {
        let json = try CLIRunner.run(["project", DavisFixture.graph, "--side", "events", "--format", "json", "--as-of", "1934"])
        #expect(json.status == 0, "\(json.stderr)")
        let net = try GraphFile.parse(json.stdout, format: .json)
        #expect(net.partners.count == 14 && net.attributes["projection-as-of"] == .string("1934-12-31"))
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pair = dir.appendingPathComponent("events").path
        let r = try CLIRunner.run(["project", DavisFixture.graph, "--side", "events", "-o", pair])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try GraphFile.load(path: pair).ties.count == DavisFixture.pairs("events").count)
        let a = try CLIRunner.run(["analyze", pair, "--measures", "degree", "--sort-by", "id", "--format", "csv"])
        #expect(a.status == 0 && a.stdout.hasPrefix("id,name,kind,degree\ne1,Event 1,event,8\n"), "\(a.stdout)")
    }

    @Test("usage errors exit 64: an unknown side with the closest known, a graph without sides, no output format")
    func usageErrors() throws {
        let unknown = try CLIRunner.run(["project", DavisFixture.graph, "--side", "wimen", "--format", "yaml"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("--side: unknown side 'wimen' (did you mean 'women'?); closest known: 'women'"))
        let oneMode = try CLIRunner.run(["project", "Graphs/unesco-human-rights.yaml", "--side", "ngo", "--format", "yaml"])
        #expect(oneMode.status == 64 && oneMode.stderr.contains("does not declare two sides"))
        let noFormat = try CLIRunner.run(["project", DavisFixture.graph, "--side", "women"])
        #expect(noFormat.status == 64 && noFormat.stderr.contains("needs --format"))
        let badWeighting = try CLIRunner.run(["project", DavisFixture.graph, "--side", "women", "--weighting", "jaccard", "--format", "yaml"])
        #expect(badWeighting.status == 64)
        let badFormat = try CLIRunner.run(["project", DavisFixture.graph, "--side", "women", "--format", "dot"])
        #expect(badFormat.status == 64)
        // The output is never the input.
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("d.yaml")
        try FileManager.default.copyItem(at: CLIRunner.repoRoot.appendingPathComponent(DavisFixture.graph), to: copy)
        let before = try Data(contentsOf: copy)
        let over = try CLIRunner.run(["project", "d.yaml", "--side", "women", "-o", "./d.yaml"], in: dir)
        #expect(over.status == 64 && over.stderr.contains("refusing to write over an input"))
        #expect(try Data(contentsOf: copy) == before)
    }
}
