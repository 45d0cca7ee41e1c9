import DOTRendering
import FigureStyle
import Foundation
import GraphvizRendering
import PartnerGraph
import PartnerGraphIO
import Testing

/// A small network with every styling case: kinds known and unknown, the three
/// built-in tie types plus a declared one, a lapsed tie, an upcoming tie, a
/// directed tie, a focal partner and a long name.
private func sampleNetwork() throws -> PartnerNetwork {
    var network = PartnerNetwork(
        title: "Style sample", focal: "unesco",
        settings: GraphSettings(tieTypes: [TieTypeSetting(name: "funding", weight: 2)]))
    try network.add(Partner(id: "unesco", name: "UNESCO", kind: "un-specialized-agency"))
    try network.add(Partner(id: "ms", name: "Member States", kind: "member-state"))
    try network.add(Partner(id: "abo", name: "Institute for Human Rights, Åbo Akademi University", kind: "research-institute"))
    try network.add(Partner(id: "fund", name: "A Foundation", kind: "foundation"))
    try network.add(Partner(id: "ngo", name: "Some NGO", kind: "ngo"))
    network.add(Tie(type: "agreement", source: "unesco", target: "ms", start: PartialDate("2003")))
    network.add(Tie(type: "liaison", source: "ms", target: "unesco", start: PartialDate("2010")))
    network.add(Tie(type: "joint-activity", source: "unesco", target: "abo", start: PartialDate("2001-05")))
    network.add(Tie(type: "funding", source: "fund", target: "unesco", isDirected: true, start: PartialDate("2020")))
    network.add(Tie(type: "agreement", source: "unesco", target: "ngo", start: PartialDate("2030")))
    return network
}

private let asOf = Day(year: 2024, month: 1, day: 1)!

private func edge(_ document: DOTDocument, _ id: String) -> DOTEdge? {
    document.edges.first { $0.attributes["id"] == .string(id) }
}

private func node(_ document: DOTDocument, _ id: String) -> DOTNode? {
    document.nodes.first { $0.id == id }
}

@Suite("Partner styling")
struct PartnerStyleTests {
    @Test("Kinds get fill colour and shape; no two kinds share both")
    func kinds() throws {
        let styled = PartnerDOTStyle().makeDocument(for: PartnerFigure(network: try sampleNetwork(), asOf: asOf))
        let ms = try #require(node(styled.document, "ms"))
        #expect(ms.attributes["shape"] == .string("box"))
        #expect(ms.attributes["fillcolor"] == .string("#56B4E9"))
        #expect(ms.attributes["class"] == .string("kind-member-state"))
        // Dark blue fill gets white text, yellow gets black (WCAG contrast).
        #expect(PartnerDOTStyle.KindStyle(shape: "house", fillColor: "#0072B2").textColor == "#FFFFFF")
        #expect(PartnerDOTStyle.KindStyle(shape: "note", fillColor: "#F0E442").textColor == "#000000")
        let many = Set((0..<40).map { "custom-kind-\($0)" } + ["ngo", "member-state", "academia"])
        let styles = PartnerDOTStyle.kindStyles(for: many)
        #expect(Set(styles.values).count == many.count)
    }

    @Test("Tie types: style and colour; lapsed grey; upcoming not drawn; width by pair weight")
    func ties() throws {
        let styled = PartnerDOTStyle().makeDocument(for: PartnerFigure(network: try sampleNetwork(), asOf: asOf))
        let document = styled.document
        let agreement = try #require(edge(document, "edge-ms-unesco-agreement"))
        #expect(agreement.attributes["style"] == .string("solid"))
        #expect(agreement.attributes["color"] == .string("#0072B2"))
        // Pair weight 3 (agreement) + 1 (liaison) = 4 → 0.6 + 0.4 × 4 = 2.2.
        #expect(agreement.attributes["penwidth"] == .number(2.2))
        // The theme's line style reads by strength (type weight 3 solid, 2 dashed, 1 dotted).
        let liaison = try #require(edge(document, "edge-ms-unesco-liaison"))
        #expect(liaison.attributes["style"] == .string("dotted"))
        #expect(liaison.attributes["penwidth"] == .number(2.2))
        // Joint activity in 2001-05 is outside the three-year lookback at 2024-01-01.
        let lapsed = try #require(edge(document, "edge-abo-unesco-joint-activity-lapsed"))
        #expect(lapsed.attributes["style"] == .string("dashed"))
        #expect(lapsed.attributes["color"] == .string("#9E9E9E"))
        #expect(lapsed.attributes["class"] == .string("tie-joint-activity tie-lapsed"))
        // The declared type (weight 2) gets the first colour after the built-ins', dashed, and keeps its
        // direction with an arrow at the head only; no end markers.
        let funding = try #require(edge(document, "edge-fund-unesco-funding"))
        #expect(funding.attributes["style"] == .string("dashed"))
        #expect(funding.attributes["color"] == .string("#CC79A7"))
        #expect(funding.attributes["dir"] == .string("forward"))
        #expect(funding.attributes["arrowtail"] == nil)
        #expect(!document.edges.contains { $0.attributes["arrowtail"] != nil || $0.attributes["dir"] == .string("both") })
        // The same kind has the same style here as in NetworkFigure's drawings (the one theme).
        #expect(PartnerDOTStyle.kindStyles(for: ["academia", "ngo"]) == Theme.kindStyles(for: ["academia", "ngo"]))
        #expect(!document.edges.contains { $0.from == "ngo" || $0.to == "ngo" })
        #expect(styled.tieTypes == ["agreement", "funding", "joint-activity", "liaison"])
        #expect(styled.description == "Style sample as of 2024-01-01: 5 partners, 3 current ties drawn (1 lapsed).")
    }

    @Test("Focal partner emphasised, long names wrapped, sizes from the measure")
    func nodes() throws {
        let measure = NodeMeasure(name: "betweenness", values: ["unesco": 0.8, "ms": 0.0, "abo": 0.4])
        let styled = PartnerDOTStyle().makeDocument(for: PartnerFigure(network: try sampleNetwork(), asOf: asOf, sizeMeasure: measure))
        let unesco = try #require(node(styled.document, "unesco"))
        #expect(unesco.attributes["peripheries"] == .integer(2))
        #expect(unesco.attributes["class"] == .string("kind-un-specialized-agency focal"))
        #expect(unesco.attributes["width"] == .number(2.2))
        #expect(node(styled.document, "ms")?.attributes["width"] == .number(0.9))
        guard case .number(let width)? = node(styled.document, "abo")?.attributes["width"] else {
            Issue.record("no width for abo")
            return
        }
        #expect(abs(width - 1.55) < 1e-9)
        #expect(node(styled.document, "abo")?.attributes["label"] == .text("Institute for Human\nRights, Åbo Akademi\nUniversity"))
        #expect(styled.elementTitles["node-unesco"] == "UNESCO — un specialized agency (focal partner); first activity 2001-05-01, last activity ongoing; betweenness 0.8")
    }

    @Test("The legend lists only the kinds and types drawn")
    func legend() throws {
        var network = try sampleNetwork()
        try network.add(Partner(id: "chair", name: "A Chair", kind: "unesco-chair"))
        let figure = PartnerFigure(network: network, asOf: asOf, partnerIDs: ["unesco", "ms", "abo"],
                                   suggestedLinks: [SuggestedLink(first: "ms", second: "abo", score: 1.5)])
        let styled = PartnerDOTStyle().makeDocument(for: figure)
        guard case .html(let legend)? = styled.document.graphAttributes["label"] else {
            Issue.record("no legend")
            return
        }
        // No Graphviz shape names in words ("(box)", "(folder)"): the reader sees colours and names.
        #expect(!legend.markup.contains("(box)") && !legend.markup.contains("(cylinder)"))
        for present in [">member state<", ">research institute<", "agreement", "liaison", "joint activity", "lapsed tie", "suggested link", "focal partner"] {
            #expect(legend.markup.contains(present), "legend lacks \(present)")
        }
        for absent in ["unesco chair", "foundation", "funding", "ngo", "node size"] {
            #expect(!legend.markup.contains(absent), "legend lists \(absent), which is not drawn")
        }
        let suggestion = try #require(edge(styled.document, "suggested-ms-abo"))
        #expect(suggestion.attributes["style"] == .string("dashed"))
        #expect(suggestion.attributes["color"] == .string("#D55E00"))
        #expect(styled.elementTitles["suggested-ms-abo"] == "Suggested introduction: Member States — Institute for Human Rights, Åbo Akademi University (score 1.5)")
    }

    @Test("Clusters by kind, and the minimum pair weight filter")
    func clustersAndMinimumWeight() throws {
        let figure = PartnerFigure(network: try sampleNetwork(), asOf: asOf, minimumPairWeight: 3)
        let styled = PartnerDOTStyle(clustersByKind: true).makeDocument(for: figure)
        #expect(styled.document.subgraphs.map(\.name).sorted() == [
            "cluster_kind-foundation", "cluster_kind-member-state", "cluster_kind-ngo",
            "cluster_kind-research-institute", "cluster_kind-un-specialized-agency",
        ])
        // funding (weight 2) is below 3; the ms–unesco pair (4) stays.
        #expect(edge(styled.document, "edge-fund-unesco-funding") == nil)
        #expect(edge(styled.document, "edge-ms-unesco-agreement") != nil)
    }

    @Test("Golden DOT for a two-partner network, byte-exact")
    func golden() throws {
        var network = PartnerNetwork(title: "Tiny", focal: "a")
        try network.add(Partner(id: "a", name: "Alpha", kind: "ngo"))
        try network.add(Partner(id: "b", name: "Beta", kind: "member-state"))
        network.add(Tie(type: "liaison", source: "b", target: "a", start: PartialDate("2020")))
        let styled = PartnerDOTStyle().makeDocument(for: PartnerFigure(network: network, asOf: asOf))
        let legend = ##"<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2"><TR><TD COLSPAN="2" ALIGN="LEFT"><B>Legend</B></TD></TR>"##
            + ##"<TR><TD BGCOLOR="#56B4E9" BORDER="1" COLOR="#333333" WIDTH="28" HEIGHT="12" FIXEDSIZE="TRUE"></TD><TD ALIGN="LEFT">member state</TD></TR>"##
            + ##"<TR><TD BGCOLOR="#DDDDDD" BORDER="1" COLOR="#333333" WIDTH="28" HEIGHT="12" FIXEDSIZE="TRUE"></TD><TD ALIGN="LEFT">ngo</TD></TR>"##
            + ##"<TR><TD BORDER="3" COLOR="#000000" WIDTH="28" HEIGHT="12" FIXEDSIZE="TRUE"></TD><TD ALIGN="LEFT">focal partner (double border)</TD></TR>"##
            + ##"<TR><TD SIDES="B" BORDER="2" COLOR="#009E73" STYLE="dotted" WIDTH="28" HEIGHT="8" FIXEDSIZE="TRUE"></TD><TD ALIGN="LEFT">liaison</TD></TR>"##
            + ##"<TR><TD COLSPAN="2" ALIGN="LEFT">line width: pair weight</TD></TR></TABLE>>"##
        let expected = """
            graph "Tiny" {
              graph [fontname="Arial", fontsize=11, label=\(legend), labeljust="l", labelloc="b", outputorder="edgesfirst", overlap="false", pad=0.2, start=1];
              node [color="#333333", fontname="Arial", fontsize=11, margin="0.08,0.04", penwidth=1, style="filled"];
              edge [fontname="Arial", fontsize=10];
              "a" [class="kind-ngo focal", color="#000000", fillcolor="#DDDDDD", fontcolor="#000000", id="node-a", label="Alpha", penwidth=2.5, peripheries=2, shape="ellipse"];
              "b" [class="kind-member-state", fillcolor="#56B4E9", fontcolor="#000000", id="node-b", label="Beta", shape="box"];
              "a" -- "b" [class="tie-liaison", color="#009E73", id="edge-a-b-liaison", penwidth=1, style="dotted"];
            }

            """
        #expect(styled.document.write() == expected)
    }

    @Test("Styled documents render without Graphviz warnings and post-process into accessible SVG", arguments: [LayoutEngine.dot, .neato, .sfdp, .circo, .twopi])
    func rendersCleanly(engine: LayoutEngine) throws {
        let measure = NodeMeasure(name: "degree", values: ["unesco": 4, "ms": 1])
        let figure = PartnerFigure(network: try sampleNetwork(), asOf: asOf, sizeMeasure: measure,
                                   suggestedLinks: [SuggestedLink(first: "ms", second: "abo")])
        let styled = PartnerDOTStyle().makeDocument(for: figure)
        let raw = try Graphviz.shared.render(dot: styled.document.write(), engine: engine, format: .svg, warnings: .fail)
        let svg = try SVGDocument.prepare(raw, options: SVGDocumentOptions(
            title: styled.title, description: styled.description, width: 640, elementTitles: styled.elementTitles))
        let root = try #require(parseXML(Data(svg.utf8)).root)
        let nodeGroups = root.allNodes.filter { ($0.attributes["class"] ?? "").hasPrefix("node ") }
        #expect(nodeGroups.count == 5)
        #expect(nodeGroups.allSatisfy { ($0.attributes["class"] ?? "").contains("kind-") })
        let abo = try #require(root.allNodes.first { $0.attributes["id"] == "pg-node-abo" })
        #expect(abo.children.first { $0.name == "title" }?.text.hasPrefix("Institute for Human Rights, Åbo Akademi University — research institute") == true)
        let again = try SVGDocument.prepare(
            try Graphviz.shared.render(dot: styled.document.write(), engine: engine, format: .svg),
            options: SVGDocumentOptions(title: styled.title, description: styled.description, width: 640, elementTitles: styled.elementTitles))
        if svg != again {
            let first = svg.split(separator: "\n"), second = again.split(separator: "\n")
            let index = (0..<min(first.count, second.count)).first { first[$0] != second[$0] } ?? min(first.count, second.count)
            Issue.record("\(engine): a second render differs at line \(index + 1): \(index < first.count ? first[index] : "") vs \(index < second.count ? second[index] : "")")
        }
    }

    @Test("Clustered figures go through a fresh worker process and repeat byte for byte")
    func clustersThroughWorker() throws {
        let styled = PartnerDOTStyle(clustersByKind: true).makeDocument(for: PartnerFigure(network: try sampleNetwork(), asOf: asOf))
        let dot = styled.document.write()
        #expect(throws: GraphvizError.workerRequired(engine: "dot", reason: "layouts of named subgraphs (clusters) depend on memory addresses, which only a fresh process repeats")) {
            try GraphvizRenderer().render(dot: dot, engine: .dot, format: .svg)
        }
        let worker: LayoutWorker = builtPartnergraph().map { .partnergraph(executable: $0) }
            ?? .graphvizCommand(executable: URL(fileURLWithPath: "/usr/bin/dot"))
        let renderer = GraphvizRenderer(worker: worker, timeout: 60)
        let first = try renderer.render(dot: dot, engine: .dot, format: .svg)
        for _ in 0..<3 {
            _ = try Graphviz.shared.render(dot: randomGraphDOT(name: "churn", nodes: 30, edgesPerNode: 2, seed: 9), engine: .dot, format: .svg)
            let same = try renderer.render(dot: dot, engine: .dot, format: .svg) == first
            #expect(same)
        }
        let svg = try SVGDocument.prepare(first, options: SVGDocumentOptions(title: styled.title, description: styled.description))
        let root = try #require(parseXML(Data(svg.utf8)).root)
        #expect(root.allNodes.filter { ($0.attributes["class"] ?? "").hasPrefix("cluster ") }.count == 5)
    }

    @Test("The seed graph renders with dot into SVG that rsvg-convert accepts without warnings")
    func seedGraph() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Graphs/unesco-human-rights.yaml").standardized.path
        guard FileManager.default.fileExists(atPath: path) else {
            Issue.record("\(path) not found: the seed graph belongs to the repository")
            return
        }
        let network = try GraphFile.load(path: path)
        let styled = PartnerDOTStyle().makeDocument(for: PartnerFigure(network: network, asOf: Day(year: 2016, month: 11, day: 1)!))
        let raw = try Graphviz.shared.render(dot: styled.document.write(), engine: .dot, format: .svg, warnings: .fail)
        let svg = try SVGDocument.prepare(raw, options: SVGDocumentOptions(
            title: styled.title, description: styled.description, width: 800, elementTitles: styled.elementTitles))
        #expect(parseXML(Data(svg.utf8)).root != nil)
        if let rsvg = findExecutable("rsvg-convert") {
            let result = try runTool(rsvg, ["--format", "png"], input: Data(svg.utf8))
            #expect(result.status == 0)
            #expect(result.stderr.isEmpty, "\(String(decoding: result.stderr, as: UTF8.self))")
        }
    }
}
