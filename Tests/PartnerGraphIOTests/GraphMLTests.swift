import Foundation
import Testing
import PartnerGraph
@testable import PartnerGraphIO

/// Shared by the GraphML and GEXF tests: sample networks, fixtures, and
/// NetworkX run as a child process.
enum Interop {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/interop")

    /// The absolute path of `python3` on `PATH`, or `nil`.
    static let python: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// Whether `python3 -c "import networkx"` succeeds.
    static let hasNetworkX: Bool = {
        guard python != nil else { return false }
        return (try? runPython("import networkx", arguments: []))?.status == 0
    }()

    /// Runs a Python script; returns exit status, stdout and stderr.
    static func runPython(_ script: String, arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python!)
        p.arguments = ["-c", script] + arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    static func tempDir() -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("pg-interop-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    /// The seed graph: mixed direction (one directed tie), parallel ties, a boolean attribute.
    static func seed() throws -> PartnerNetwork {
        try GraphFile.load(path: repoRoot.appendingPathComponent("Graphs/unesco-human-rights.yaml").path)
    }

    /// All ties directed, parallel ties, typed attributes of every kind, a
    /// declared type, text that needs escaping.
    static func typedMultigraph() throws -> PartnerNetwork {
        var net = PartnerNetwork(title: "Typed <multi> & \"directed\"", focal: "a", description: "line one\nline two",
                                 settings: GraphSettings(tieTypes: [TieTypeSetting(name: "funding", weight: 2, lookback: Lookback(years: 1),
                                                                                   description: "money flows")]),
                                 attributes: ["year": .integer(2024), "scale": .number(0.5)])
        try net.add(Partner(id: "a", name: "Åbo & Co <main>", kind: "ngo", aliases: ["Abo", "ÅA"], region: "Nordic",
                            themes: ["water", "training"], url: "https://example.org/?a=1&b=2",
                            attributes: ["staff": .integer(12), "budget": .number(1.25), "active": .bool(true),
                                         "motto": .string("\"Quotes\", tabs\tand 日本")]))
        try net.add(Partner(id: "b", name: "Beta", kind: "agency",
                            attributes: ["staff": .integer(3), "budget": .number(2), "active": .bool(false)]))
        try net.add(Partner(id: "c d", name: "Gamma (spaced id)", kind: "academic"))
        try net.add(Partner(id: "lonely", name: "No ties", kind: "ngo"))
        net.add(Tie(id: "t1", type: "agreement", source: "a", target: "b", isDirected: true, start: PartialDate("2003"),
                    end: PartialDate("2009-06"), label: "MoU", weight: 2.5, themes: ["water"], provenance: "doc.pdf p. 3",
                    status: "signed", note: "first", attributes: ["confirmed": .bool(true), "count": .integer(4)]))
        net.add(Tie(id: "t2", type: "joint-activity", source: "a", target: "b", isDirected: true, start: PartialDate("2010-02"),
                    attributes: ["confirmed": .bool(false)]))
        net.add(Tie(type: "funding", source: "b", target: "c d", isDirected: true, start: PartialDate("2012-05-17"),
                    end: PartialDate("2014")))
        net.add(Tie(type: "liaison", source: "c d", target: "a", isDirected: true))
        return net
    }

    /// Summarises a GraphML or GEXF file as NetworkX reads it: class, graph
    /// data, and every node's and edge's data with type-tagged values.
    static let summarise = """
    import json, sys, networkx as nx
    path, fmt = sys.argv[1], sys.argv[2]
    G = nx.read_graphml(path) if fmt == 'graphml' else nx.read_gexf(path)
    def tag(v):
        if isinstance(v, bool): return 'bool:' + ('true' if v else 'false')
        if isinstance(v, int): return 'int:%d' % v
        if isinstance(v, float): return 'float:' + repr(v)
        if isinstance(v, (list, tuple)): return 'list:' + json.dumps([[str(x) for x in s] if isinstance(s, tuple) else str(s) for s in v])
        return 'str:' + str(v)
    out = {'class': type(G).__name__,
           'graph': {k: tag(v) for k, v in G.graph.items() if not isinstance(v, dict)},
           'nodes': {str(n): {k: tag(v) for k, v in d.items()} for n, d in G.nodes(data=True)},
           'edges': [[str(u), str(v), {k: tag(x) for k, x in d.items() if k != 'id' or fmt == 'gexf'}] for u, v, d in G.edges(data=True)]}
    print(json.dumps(out))
    """

    struct Summary {
        let className: String
        let graph: [String: String]
        let nodes: [String: [String: String]]
        let edges: [(String, String, [String: String])]
    }

    /// NetworkX's view of a file.
    static func networkXSummary(of url: URL, format: String) throws -> Summary {
        let r = try runPython(summarise, arguments: [url.path, format])
        guard r.status == 0 else { throw GraphDataError("networkx failed: \(r.stderr)") }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let edges = (json["edges"] as? [[Any]] ?? []).map { e in
            (e[0] as! String, e[1] as! String, e[2] as! [String: String])
        }
        return Summary(className: json["class"] as! String, graph: json["graph"] as! [String: String],
                       nodes: json["nodes"] as! [String: [String: String]], edges: edges)
    }

    /// A value as `summarise` tags it.
    static func tag(_ v: AttributeValue) -> String {
        switch v {
        case .bool(let b): return "bool:\(b)"
        case .integer(let i): return "int:\(i)"
        case .number(let d): return "float:\(d)"
        default: return "str:\(v.description)"
        }
    }

    /// One edge as a comparable string: endpoints (sorted when undirected) and sorted data.
    static func edgeKey(_ u: String, _ v: String, _ data: [String: String], directed: Bool) -> String {
        let (a, b) = directed || u <= v ? (u, v) : (v, u)
        return "\(a) -> \(b) " + data.keys.sorted().map { "\($0)=\(data[$0]!)" }.joined(separator: " | ")
    }

    /// The NetworkX class for a network: Multi… when a pair has several ties, Di… when all are directed.
    static func networkXClass(_ net: PartnerNetwork) -> String {
        let directed = !net.ties.isEmpty && net.ties.allSatisfy(\.isDirected)
        var pairs = Set<[String]>(), multi = false
        for t in net.ties {
            let key = directed ? [t.source, t.target] : [t.source, t.target].sorted()
            if !pairs.insert(key).inserted { multi = true }
        }
        return (multi ? "Multi" : "") + (directed ? "DiGraph" : "Graph")
    }
}

@Suite("GraphML")
struct GraphMLTests {
    static let networks: [String] = ["seed", "typed"]

    static func network(_ name: String) throws -> PartnerNetwork {
        name == "seed" ? try Interop.seed() : try Interop.typedMultigraph()
    }

    @Test("write → read gives the same network", arguments: networks)
    func roundTrip(name: String) throws {
        let net = try Self.network(name)
        let back = try GraphML.read(Array(GraphML.text(of: net).utf8))
        #expect(back.warnings.isEmpty)
        #expect(back.network == net)
    }

    @Test("the writer is deterministic and declares a key for every field used")
    func deterministicOutput() throws {
        let net = try Interop.typedMultigraph()
        let text = GraphML.text(of: net)
        #expect(text == GraphML.text(of: net))
        #expect(text.hasSuffix("</graphml>\n"))
        // Node keys: name, kind, region, themes, aliases, url, then free attributes by name.
        #expect(text.contains("<key id=\"d5\" for=\"graph\" attr.name=\"year\" attr.type=\"long\"/>"))
        #expect(text.contains("attr.name=\"active\" attr.type=\"boolean\""))
        #expect(text.contains("attr.name=\"budget\" attr.type=\"double\""))
        #expect(text.contains("attr.name=\"staff\" attr.type=\"long\""))
        #expect(text.contains("<graph id=\"G\" edgedefault=\"directed\">"))
        #expect(text.contains("<node id=\"c d\">"))
        #expect(text.contains("Åbo &amp; Co &lt;main&gt;"))
        #expect(text.contains("<edge id=\"t1\" source=\"a\" target=\"b\">"))
        #expect(!text.contains("directed=\"true\""))
    }

    @Test("NetworkX reads what we write: same class, nodes, edges and typed attributes",
          .enabled(if: Interop.hasNetworkX, "python3 with networkx is not available"), arguments: networks)
    func networkXReadsOurs(name: String) throws {
        let net = try Self.network(name)
        let dir = Interop.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("\(name).graphml")
        try GraphFile.save(net, to: file.path)
        let s = try Interop.networkXSummary(of: file, format: "graphml")

        #expect(s.className == Interop.networkXClass(net))
        #expect(s.graph["title"] == net.title.map { "str:" + $0 })
        #expect(s.graph["focal"] == net.focal.map { "str:" + $0 })
        for (k, v) in net.attributes { #expect(s.graph[k] == Interop.tag(v)) }

        #expect(s.nodes.count == net.partners.count)
        for p in net.partners {
            var expected = ["name": "str:" + p.name, "kind": "str:" + p.kind]
            if let r = p.region { expected["region"] = "str:" + r }
            if !p.themes.isEmpty { expected["themes"] = "str:" + p.themes.joined(separator: ";") }
            if !p.aliases.isEmpty { expected["aliases"] = "str:" + p.aliases.joined(separator: ";") }
            if let u = p.url { expected["url"] = "str:" + u }
            for (k, v) in p.attributes { expected[k] = Interop.tag(v) }
            #expect(s.nodes[p.id] == expected, "node \(p.id)")
        }

        let mixed = net.ties.contains(where: \.isDirected) && !net.ties.allSatisfy(\.isDirected)
        let directed = s.className.contains("Di")
        var expectedEdges: [String] = []
        for t in net.ties {
            var d = ["type": "str:" + t.type]
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
            expectedEdges.append(Interop.edgeKey(t.source, t.target, d, directed: directed))
        }
        let actual = s.edges.map { Interop.edgeKey($0.0, $0.1, $0.2, directed: directed) }
        #expect(actual.count == net.ties.count)
        #expect(actual.sorted() == expectedEdges.sorted())
    }

    /// NetworkX writes karate club, a typed multigraph (parallel edges, int,
    /// float, bool and string attributes, a node without kind, an edge
    /// without type) into a temporary directory; we read both.
    static let networkXWriter = """
    import sys, os, networkx as nx
    d = sys.argv[1]
    nx.write_graphml(nx.karate_club_graph(), os.path.join(d, 'karate.graphml'))
    M = nx.MultiGraph(name='typed multigraph')
    M.add_node('a', kind='ngo', staff=12, budget=1.5, active=True, name='Alpha & Co')
    M.add_node('b', kind='agency', staff=3, budget=2.25, active=False, name='Beta')
    M.add_node('c')
    M.add_edge('a', 'b', type='agreement', start='2003', weight=2.5, confirmed=True)
    M.add_edge('a', 'b', type='liaison', start='2005-06', count=4)
    M.add_edge('b', 'c')
    M.add_edge('a', 'c', type='funding')
    nx.write_graphml(M, os.path.join(d, 'multi.graphml'))
    """

    @Test("we read GraphML that NetworkX writes: karate club and a typed multigraph",
          .enabled(if: Interop.hasNetworkX, "python3 with networkx is not available"))
    func weReadNetworkX() throws {
        let dir = Interop.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Interop.runPython(Self.networkXWriter, arguments: [dir.path])
        try #require(r.status == 0, "\(r.stderr)")

        // Zachary's karate club: 34 members, 78 friendships (Zachary 1977), 17 in each club.
        let karate = try GraphML.read(path: dir.appendingPathComponent("karate.graphml").path)
        let k = karate.network
        #expect(k.partners.count == 34)
        #expect(k.ties.count == 78)
        #expect(k.attributes["name"] == .string("Zachary's Karate Club"))
        #expect(k.partners.filter { $0.attributes["club"] == .string("Mr. Hi") }.count == 17)
        #expect(k.partners.filter { $0.attributes["club"] == .string("Officer") }.count == 17)
        #expect(k.partners.allSatisfy { $0.kind == "unspecified" && $0.name == $0.id })
        #expect(k.ties.allSatisfy { $0.type == "edge" && $0.weight != nil && !$0.isDirected })
        #expect(k.settings.tieTypes.map(\.name) == ["edge"])
        let messages = karate.warnings.map(\.message)
        #expect(messages.contains("34 of 34 nodes have no 'kind'; set to 'unspecified'"))
        #expect(messages.contains("78 of 78 edges have no 'type'; set to 'edge' (declared under settings.tieTypes, weight 1)"))
        #expect(karate.warnings.allSatisfy { $0.severity == .warning })

        let multi = try GraphML.read(path: dir.appendingPathComponent("multi.graphml").path)
        let m = multi.network
        #expect(m.partners.map(\.id) == ["a", "b", "c"])
        #expect(m.partner(id: "a")?.name == "Alpha & Co")
        #expect(m.partner(id: "a")?.kind == "ngo")
        #expect(m.partner(id: "c")?.kind == "unspecified")
        #expect(m.partner(id: "a")?.attributes == ["staff": .integer(12), "budget": .number(1.5), "active": .bool(true)])
        #expect(m.partner(id: "b")?.attributes == ["staff": .integer(3), "budget": .number(2.25), "active": .bool(false)])
        #expect(m.ties.count == 4)
        #expect(m.ties.filter { $0.joins("a", "b") }.count == 2)
        let agreement = try #require(m.ties.first { $0.type == "agreement" })
        #expect(agreement.start == PartialDate("2003"))
        #expect(agreement.weight == 2.5)
        #expect(agreement.attributes["confirmed"] == .bool(true))
        let liaison = try #require(m.ties.first { $0.type == "liaison" })
        #expect(liaison.start == PartialDate("2005-06"))
        #expect(liaison.attributes["count"] == .integer(4))
        #expect(m.ties.filter { $0.type == "edge" }.count == 1)
        #expect(Set(m.settings.tieTypes.map(\.name)) == ["edge", "funding"])
        #expect(m.attributes["name"] == .string("typed multigraph"))
        let mm = multi.warnings.map(\.message)
        #expect(mm.contains("1 of 3 nodes has no 'kind'; set to 'unspecified'"))
        #expect(mm.contains("1 of 4 edges has no 'type'; set to 'edge' (declared under settings.tieTypes, weight 1)"))
        #expect(mm.contains("declared tie type not built in: funding (weight 1)"))
        // NetworkX writes multigraph keys as edge ids (0, 1, 0, 0): not unique, so dropped, and never kept as an attribute.
        #expect(m.ties.allSatisfy { $0.id == nil && $0.attributes["key"] == nil })
        #expect(mm.contains("edge ids are not unique (NetworkX writes multigraph keys as ids); ids dropped, ties left without ids"))
    }

    @Test("a hand-made yEd file loads: labels from y:NodeLabel, graphics ignored, key defaults applied")
    func yEdFile() throws {
        let loaded = try GraphML.read(path: Interop.fixtures.appendingPathComponent("yed-partners.graphml").path)
        let n = loaded.network
        #expect(n.partners.map(\.id) == ["n0", "n1", "n2"])
        #expect(n.partners.map(\.name) == ["Water Agency", "River Trust & Friends", "Hydrology Institute"])
        // 'kind' has <default>ngo</default>: n1 has no kind of its own.
        #expect(n.partners.map(\.kind) == ["agency", "ngo", "academic"])
        #expect(n.partner(id: "n1")?.url == "https://example.org/river-trust")
        #expect(n.ties.count == 3)
        #expect(n.ties.allSatisfy { $0.isDirected })
        #expect(n.ties.filter { $0.source == "n2" && $0.target == "n0" }.count == 2)
        #expect(n.ties[0].attributes["description"] == .string("joint monitoring"))
        #expect(n.attributes["Description"] == .string("Regional water partnerships, drawn by hand"))
        #expect(loaded.warnings.map(\.message) == ["3 of 3 edges have no 'type'; set to 'edge' (declared under settings.tieTypes, weight 1)"])
    }

    // MARK: Bad input

    static func errors(_ text: String) -> [String] {
        do {
            _ = try GraphML.read(Array(text.utf8), path: "bad.graphml")
            return []
        } catch {
            return error.diagnostics.map(\.headline)
        }
    }

    static let head = """
    <?xml version="1.0" encoding="UTF-8"?>
    <graphml xmlns="http://graphml.graphdrawing.org/xmlns">

    """

    @Test("malformed XML: a mismatched closing tag is reported where it is, naming the open element")
    func mismatchedTag() {
        let text = Self.head + """
          <graph edgedefault="undirected">
            <node id="a">
          </graph>
        </graphml>
        """
        // Counted by hand: the head is two lines, so <graph> is line 3 and <node> line 4.
        #expect(Self.errors(text) == ["bad.graphml:5:3: error: malformed XML: closing tag does not match <node> opened at 4:5"])
    }

    @Test("malformed XML: truncated file, undefined entity, empty file, not GraphML")
    func otherMalformed() {
        // libxml2 notices the end of input after the last line (line 4 has 18 characters).
        #expect(Self.errors(Self.head + "  <graph edgedefault=\"undirected\">\n    <node id=\"a\"/>\n") ==
            ["bad.graphml:4:19: error: malformed XML: the file ends inside <graph> (opened at 3:3)"])
        let entity = Self.errors(Self.head + "<graph><node id=\"a&nbsp;\"/></graph></graphml>")
        #expect(entity.count == 1)
        #expect(entity.first?.contains("error: malformed XML: unknown, external or broken entity reference") == true)
        #expect(Self.errors("") == ["bad.graphml:1:1: error: file is empty"])
        #expect(Self.errors("<?xml version=\"1.0\"?>\n<gexf/>\n") == ["bad.graphml:1:1: error: not a GraphML file: the root element is not <graphml>"])
    }

    /// Hostile inputs: an external entity (XXE), entity amplification
    /// ("billion laughs"), Latin-1 bytes in a file that says UTF-8, binary
    /// noise, a stray `<` in an attribute. Each is one positioned error.
    static let hostile: [(String, [UInt8])] = {
        let root = "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"><graph>"
        var laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE g [\n<!ENTITY l0 \"lol\">\n"
        for i in 1...9 { laughs += "<!ENTITY l\(i) \"" + String(repeating: "&l\(i - 1);", count: 10) + "\">\n" }
        laughs += "]>\n" + root + "<node id=\"&l9;\"/></graph></graphml>\n"
        return [
            ("external entity", Array(("<?xml version=\"1.0\"?>\n<!DOCTYPE g [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                                       + root + "<node id=\"&x;\"/></graph></graphml>\n").utf8)),
            ("entity amplification", Array(laughs.utf8)),
            ("latin-1", Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".utf8) + Array(root.utf8) + [0x3C, 0x6E, 0x6F, 0x64, 0x65, 0x20, 0x69, 0x64, 0x3D, 0x22, 0xC5, 0x62, 0x6F, 0x22, 0x2F, 0x3E] + Array("</graph></graphml>".utf8)),
            ("binary", (0..<1024).map { UInt8(truncatingIfNeeded: $0 &* 7919) }),
            ("lt in attribute", Array(("<?xml version=\"1.0\"?>\n" + root + "<node id=\"a<b\"/></graph></graphml>\n").utf8)),
        ]
    }()

    @Test("hostile XML is one positioned error, never a crash, never a network", arguments: hostile.map(\.0))
    func hostileInput(name: String) {
        let bytes = Self.hostile.first { $0.0 == name }!.1
        do {
            let n = try GraphML.read(bytes, path: "hostile.graphml")
            Issue.record("read \(n.network.partners.count) partners from hostile input")
        } catch {
            #expect(error.diagnostics.count == 1)
            #expect(error.diagnostics.allSatisfy { $0.line != nil && $0.column != nil && $0.severity == .error })
        }
    }

    @Test("an unknown attr.type is an error at its <key>")
    func unknownAttributeType() {
        let text = Self.head + """
          <key id="d0" for="node" attr.name="founded" attr.type="date"/>
          <graph edgedefault="undirected"><node id="a"/></graph>
        </graphml>
        """
        #expect(Self.errors(text) == ["bad.graphml:3:3: error: unknown attribute type 'date' for key 'd0'"])
    }

    @Test("an edge to a missing node is an error at the <edge>, with a suggestion")
    func edgeToMissingNode() {
        let text = Self.head + """
          <key id="k" for="node" attr.name="kind" attr.type="string"/>
          <key id="t" for="edge" attr.name="type" attr.type="string"/>
          <graph edgedefault="undirected">
            <node id="ohchr"><data key="k">un-office</data></node>
            <node id="unesco"><data key="k">un-agency</data></node>
            <edge source="unesco" target="ohcr"><data key="t">liaison</data></edge>
          </graph>
        </graphml>
        """
        #expect(Self.errors(text) == ["bad.graphml:8:5: error: edge target 'ohcr' is not a node (did you mean 'ohchr'?)"])
    }

    @Test("values that do not fit their key, bad dates and undeclared keys are errors at the <data>")
    func badValues() {
        let text = Self.head + """
          <key id="n" for="node" attr.name="staff" attr.type="int"/>
          <key id="s" for="edge" attr.name="start" attr.type="string"/>
          <graph edgedefault="undirected">
            <node id="a"><data key="n">twelve</data></node>
            <node id="b"><data key="zz">1</data></node>
            <edge source="a" target="b"><data key="s">17.08.2009</data></edge>
          </graph>
        </graphml>
        """
        #expect(Self.errors(text) == [
            "bad.graphml:6:18: error: 'twelve' is not an integer (key 'staff' has attr.type=\"int\")",
            "bad.graphml:7:18: error: <data> refers to undeclared key 'zz'",
            "bad.graphml:8:33: error: invalid date '17.08.2009': day-first dates are not accepted",
        ])
    }
}
