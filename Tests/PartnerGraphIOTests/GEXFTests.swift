import Foundation
import Testing
import PartnerGraph
@testable import PartnerGraphIO

@Suite("GEXF")
struct GEXFTests {
    static let networks: [String] = ["seed", "typed"]

    static func network(_ name: String) throws -> PartnerNetwork {
        name == "seed" ? try Interop.seed() : try Interop.typedMultigraph()
    }

    @Test("write → read keeps partners, ties (exact partial dates), title, description and focal", arguments: networks)
    func roundTrip(name: String) throws {
        let net = try Self.network(name)
        let back = try GEXF.read(Array(GEXF.text(of: net).utf8)).network
        #expect(back.partners == net.partners)
        #expect(back.ties == net.ties)
        #expect(back.title == net.title)
        #expect(back.description == net.description)
        #expect(back.focal == net.focal)
        // GEXF has no place for graph attributes (GEXF.limitations says so).
        #expect(back.attributes.isEmpty)
    }

    @Test("limitations name what GEXF cannot hold")
    func limitations() throws {
        #expect(GEXF.limitations(of: try Interop.typedMultigraph()) == [
            "settings.tieTypes (types not built in are declared again with weight 1 when read back)",
            "graph attributes scale, year",
        ])
    }

    @Test("dynamic spells: ties from first to last day of their partial dates, partners over their ties' activity")
    func spells() throws {
        let text = GEXF.text(of: try Interop.typedMultigraph())
        #expect(text.contains("<graph mode=\"dynamic\" defaultedgetype=\"directed\" timeformat=\"date\">"))
        // Worked out by hand from the ties: 2003 → 2009-06 is 2003-01-01 … 2009-06-30; a
        // joint activity (an event) in 2010-02 without an end lasts that month; 2012-05-17 → 2014.
        #expect(text.contains("<spells><spell start=\"2003-01-01\" end=\"2009-06-30\"/></spells>"))
        #expect(text.contains("<spells><spell start=\"2010-02-01\" end=\"2010-02-28\"/></spells>"))
        #expect(text.contains("<spells><spell start=\"2012-05-17\" end=\"2014-12-31\"/></spells>"))
        // a: from 2003, ongoing (an undated liaison); b: 2003-01-01 … 2014-12-31; "c d": from 2012-05-17, ongoing.
        #expect(text.contains("<spells><spell start=\"2003-01-01\"/></spells>"))
        #expect(text.contains("<spells><spell start=\"2003-01-01\" end=\"2014-12-31\"/></spells>"))
        #expect(text.contains("<spells><spell start=\"2012-05-17\"/></spells>"))
        #expect(text.components(separatedBy: "<spells>").count - 1 == 6)  // the undated liaison and 'lonely' have none
    }

    @Test("NetworkX reads what we write: same class, nodes, edges, attributes and spells",
          .enabled(if: Interop.hasNetworkX, "python3 with networkx is not available"), arguments: networks)
    func networkXReadsOurs(name: String) throws {
        let net = try Self.network(name)
        let dir = Interop.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("\(name).gexf")
        try GraphFile.save(net, to: file.path)
        let s = try Interop.networkXSummary(of: file, format: "gexf")

        #expect(s.className == Interop.networkXClass(net))
        #expect(s.graph["mode"] == "str:dynamic")
        #expect(s.nodes.count == net.partners.count)
        let activity = net.activityByPartner()
        func spell(_ a: Day?, _ b: Day?) -> String {
            "list:[[\"\(a.map { "\($0)" } ?? "None")\", \"\(b.map { "\($0)" } ?? "None")\"]]"
        }
        for (i, p) in net.partners.enumerated() {
            var expected = ["label": "str:" + p.name, "kind": "str:" + p.kind]
            if let r = p.region { expected["region"] = "str:" + r }
            if !p.themes.isEmpty { expected["themes"] = "str:" + p.themes.joined(separator: ";") }
            if !p.aliases.isEmpty { expected["aliases"] = "str:" + p.aliases.joined(separator: ";") }
            if let u = p.url { expected["url"] = "str:" + u }
            for (k, v) in p.attributes { expected[k] = Interop.tag(v) }
            if p.id == net.focal { expected["focal"] = "bool:true" }
            let a = activity[i]
            if a.tieCount > 0 && (a.first != nil || (!a.isOngoing && a.last != nil)) {
                expected["spells"] = spell(a.first, a.isOngoing ? nil : a.last)
            }
            #expect(s.nodes[p.id] == expected, "node \(p.id)")
        }
        let mixed = net.ties.contains(where: \.isDirected) && !net.ties.allSatisfy(\.isDirected)
        let directed = s.className.contains("Di")
        var expectedEdges: [String] = []
        for t in net.ties {
            var d = ["type": "str:" + t.type]
            if let x = t.id { d["id"] = "str:" + x }
            if let x = t.start { d["start"] = "str:\(x)" }
            if let x = t.end { d["end"] = "str:\(x)" }
            if let x = t.label { d["label"] = "str:" + x }
            if let x = t.weight { d["weight"] = "float:\(x)" }
            if let x = t.provenance { d["source_document"] = "str:" + x }
            if let x = t.status { d["status"] = "str:" + x }
            if let x = t.note { d["note"] = "str:" + x }
            if !t.themes.isEmpty { d["themes"] = "str:" + t.themes.joined(separator: ";") }
            if mixed { d["directed"] = "bool:\(t.isDirected)" }
            for (k, v) in t.attributes { d[k] = Interop.tag(v) }
            let iv = net.interval(of: t)
            if iv.start != nil || iv.end != nil { d["spells"] = spell(iv.start, iv.end) }
            expectedEdges.append(Interop.edgeKey(t.source, t.target, d, directed: directed))
        }
        let actual = s.edges.map { Interop.edgeKey($0.0, $0.1, $0.2, directed: directed) }
        #expect(actual.count == net.ties.count)
        #expect(actual.sorted() == expectedEdges.sorted())
    }

    /// NetworkX writes a dynamic multigraph (spells, start/end, a `type`
    /// attribute) as GEXF 1.2draft and 1.3, and the static Les Misérables graph.
    static let networkXWriter = """
    import sys, os, networkx as nx
    d = sys.argv[1]
    D = nx.MultiDiGraph(mode='dynamic')
    D.add_node('x', label='X Org', kind='ngo', spells=[('2001-01-01', '2004-12-31')])
    D.add_node('y', label='Y Org', kind='agency')
    D.add_edge('x', 'y', type='agreement', spells=[('2001-03-01', '2003-12-31')])
    D.add_edge('x', 'y', type='liaison', start='2002-01-01', end='2004-06-30', weight=2.0)
    D.add_edge('y', 'x', type='liaison', spells=[('2005-01-01', '2006-12-31'), ('2008-01-01', '2009-12-31')])
    nx.write_gexf(D, os.path.join(d, 'dynamic12.gexf'), version='1.2draft')
    nx.write_gexf(D, os.path.join(d, 'dynamic13.gexf'), version='1.3')
    nx.write_gexf(nx.les_miserables_graph(), os.path.join(d, 'lesmis.gexf'))
    """

    @Test("we read GEXF that NetworkX writes: dynamic multigraphs (1.2draft, 1.3) and a static graph",
          .enabled(if: Interop.hasNetworkX, "python3 with networkx is not available"))
    func weReadNetworkX() throws {
        let dir = Interop.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Interop.runPython(Self.networkXWriter, arguments: [dir.path])
        try #require(r.status == 0, "\(r.stderr)")
        for file in ["dynamic12.gexf", "dynamic13.gexf"] {
            let n = try GEXF.read(path: dir.appendingPathComponent(file).path).network
            #expect(n.partners.map(\.id) == ["x", "y"])
            #expect(n.partners.map(\.name) == ["X Org", "Y Org"])
            #expect(n.partners.map(\.kind) == ["ngo", "agency"])
            #expect(n.ties.count == 3)
            #expect(n.ties.allSatisfy { $0.isDirected })
            #expect(n.ties.map(\.type) == ["agreement", "liaison", "liaison"])
            #expect(n.ties.map { "\($0.source)>\($0.target)" } == ["x>y", "x>y", "y>x"])
            #expect(n.ties.map { $0.start?.description ?? "-" } == ["2001-03-01", "2002-01-01", "2005-01-01"])
            #expect(n.ties.map { $0.end?.description ?? "-" } == ["2003-12-31", "2004-06-30", "2009-12-31"])
            #expect(n.ties[1].weight == 2)
            // NetworkX writes each multigraph key as an attribute 'networkx_key': dropped (issue 16)
            #expect(n.ties.allSatisfy { $0.attributes["networkx_key"] == nil && $0.attributes["key"] == nil })
        }
        // Les Misérables co-appearances (Knuth 1993): 77 characters, 254 pairs.
        let lesmis = try GEXF.read(path: dir.appendingPathComponent("lesmis.gexf").path)
        #expect(lesmis.network.partners.count == 77)
        #expect(lesmis.network.ties.count == 254)
        #expect(lesmis.network.partner(id: "Valjean")?.name == "Valjean")
        #expect(lesmis.warnings.map(\.message).contains("77 of 77 nodes have no 'kind'; set to 'unspecified'"))
    }

    // MARK: Bad input

    static func errors(_ text: String) -> [String] {
        do {
            _ = try GEXF.read(Array(text.utf8), path: "bad.gexf")
            return []
        } catch {
            return error.diagnostics.map(\.headline)
        }
    }

    static let head = """
    <?xml version="1.0" encoding="UTF-8"?>
    <gexf xmlns="http://gexf.net/1.3" version="1.3">

    """

    @Test("unknown attribute types, edges to missing nodes, bad values, bad times and malformed XML are errors with positions")
    func badInput() {
        #expect(Self.errors(Self.head + """
          <graph>
            <attributes class="node"><attribute id="0" title="colour" type="rgb"/></attributes>
          </graph>
        </gexf>
        """) == ["bad.gexf:4:30: error: unknown attribute type 'rgb' for attribute '0'"])
        #expect(Self.errors(Self.head + """
          <graph>
            <attributes class="node"><attribute id="0" title="staff" type="integer"/></attributes>
            <nodes>
              <node id="a" label="A"><attvalues><attvalue for="0" value="many"/></attvalues></node>
              <node id="b" label="B"/>
            </nodes>
            <edges><edge source="a" target="c" start="2001-02-30"/></edges>
          </graph>
        </gexf>
        """) == [
            "bad.gexf:6:41: error: 'many' is not an integer (attribute 'staff' has type integer)",
            "bad.gexf:9:12: error: edge target 'c' is not a node",
            "bad.gexf:9:12: error: invalid date '2001-02-30': 2001-02 has no day 30",
        ])
        #expect(Self.errors(Self.head + "  <graph><nodes><node id=\"a\"></nodes></graph></gexf>") ==
            ["bad.gexf:3:30: error: malformed XML: closing tag does not match <node> opened at 3:17"])
    }
}
