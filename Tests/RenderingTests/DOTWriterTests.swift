import DOTRendering
import Foundation
import GraphvizRendering
import Testing

@Suite("DOT writer")
struct DOTWriterTests {
    @Test("Golden DOT: sorted nodes, sorted attributes, fixed numbers, quoting — byte-exact")
    func golden() {
        var document = DOTDocument(name: "Partners \"2024\"", isDirected: false)
        document.graphAttributes = ["rankdir": "LR", "overlap": "false", "label": .text("Title\nSecond line")]
        document.nodeDefaults = ["fontname": "Arial", "shape": "box"]
        document.edgeDefaults = ["penwidth": .number(1.5)]
        document.nodes = [
            DOTNode(id: "unesco", attributes: ["label": .text("UNESCO & \"friends\""), "width": .number(0.333333)]),
            DOTNode(id: "abo", attributes: ["label": .text("Åbo Akademi\r\nTurku"), "URL": .url("https://example.org/a b?x=1&y=\"2\"")]),
            DOTNode(id: "ilo", attributes: ["tooltip": .string("C:\\Net\\N"), "height": .number(-0.00001)]),
        ]
        document.edges = [
            DOTEdge(from: "unesco", to: "abo", attributes: ["style": "dashed", "weight": 2]),
            DOTEdge(from: "abo", to: "ilo", attributes: ["penwidth": .number(2.25), "constraint": false]),
            DOTEdge(from: "abo", to: "ilo", attributes: ["penwidth": .number(-3)]),
        ]
        document.subgraphs = [DOTSubgraph.cluster("ngo", attributes: ["label": .html(DOTHTML("<B>") + DOTHTML(text: "NGOs <& co>") + DOTHTML("</B>"))], nodeIDs: ["ilo", "abo"])]
        let expected = """
            graph "Partners \\"2024\\"" {
              graph [label="Title\\nSecond line", overlap="false", rankdir="LR"];
              node [fontname="Arial", shape="box"];
              edge [penwidth=1.5];
              "abo" [URL="https://example.org/a%20b?x=1&amp;y=%222%22", label="Åbo Akademi\\nTurku"];
              "ilo" [height=0, tooltip="C:\\\\\u{2060}Net\\\\\u{2060}N"];
              "unesco" [label="UNESCO &amp; \\"friends\\"", width=0.3333];
              subgraph "cluster_ngo" {
                graph [label=<<B>NGOs &lt;&amp; co&gt;</B>>];
                "abo";
                "ilo";
              }
              "abo" -- "ilo" [constraint=false, penwidth=2.25];
              "abo" -- "ilo" [penwidth=-3];
              "unesco" -- "abo" [style="dashed", weight=2];
            }

            """
        #expect(document.write() == expected)
    }

    @Test("Numbers: at most four decimals, no trailing zeros, no -0", arguments: [
        (0.0, "0"), (-0.0, "0"), (1, "1"), (2.5, "2.5"), (0.12345, "0.1235"), (-0.00004, "0"),
        (-1.23456, "-1.2346"), (1e6, "1000000"), (0.1 + 0.2, "0.3"), (12.30000, "12.3"),
    ])
    func numbers(value: Double, expected: String) {
        let document = DOTDocument(name: "n", isDirected: true, graphAttributes: ["x": .number(value)])
        #expect(document.write() == "digraph \"n\" {\n  graph [x=\(expected)];\n}\n")
    }

    @Test("The same document written twice gives the same bytes, whatever the dictionary order")
    func deterministic() {
        var attributes: DOTAttributes = [:]
        for index in 0..<50 { attributes["a\(index)"] = .integer(index) }
        let one = DOTDocument(name: "d", isDirected: false, nodes: [DOTNode(id: "x", attributes: attributes)])
        var copy = attributes
        copy.reserveCapacity(500)
        let two = DOTDocument(name: "d", isDirected: false, nodes: [DOTNode(id: "x", attributes: copy)])
        #expect(one.write() == two.write())
    }

    @Test("The writer's output parses in Graphviz and keeps node order and cluster membership")
    func parsesInGraphviz() throws {
        var document = DOTDocument(name: "p", isDirected: true)
        document.nodes = ["b", "a", "c\"q", "d\\x", "e\\"].map { DOTNode(id: $0) }
        document.edges = [DOTEdge(from: "a", to: "c\"q"), DOTEdge(from: "d\\x", to: "b"), DOTEdge(from: "e\\", to: "a")]
        document.subgraphs = [.cluster("k", nodeIDs: ["a", "b"])]
        let svg = utf8(try Graphviz.shared.render(dot: document.write(), engine: .dot, format: .svg))
        let (root, error) = parseXML(Data(svg.utf8))
        #expect(error == nil)
        let titles = root?.allNodes.filter { $0.name == "g" && $0.attributes["class"] == "node" }
            .compactMap { $0.children.first { $0.name == "title" }?.text } ?? []
        // Graphviz draws nodes in its own order; the names must survive quoting.
        #expect(titles.sorted() == ["a", "b", "c\"q", "d\\x", "e\\\u{2060}"])
        #expect(root?.allNodes.contains { $0.attributes["class"] == "cluster" } == true)
    }
}

/// The round trip text → DOT → libgvc → SVG → text, for random Unicode labels.
@Suite("Label round trip through Graphviz")
struct LabelRoundTripTests {
    static let interesting: [String] = [
        "\"", "\\", "\n", "\r\n", "\r", "\t", "<", ">", "&", "{", "}", "[", "]", ";", "=", "'", "%",
        "\u{07}", "\u{0B}", "\u{0C}", "\u{00}", "\u{1B}", "\u{7F}", "\u{85}",
        "\\N", "\\G", "\\n", "\\l", "&amp;", "&lt;", "&#65;", "&nbsp;", "<B>", "</TD>",
        "مرحبا", "שלום", "\u{200F}", "👩🏽‍🔬", "🇫🇮", "e\u{301}", "Åbo Akademi", "ÄÖÜß", "中文", "∑",
        "a", "b", "Z", "0", " ",
    ]

    /// A random label that has at least one visible character on each line.
    static func randomLabel(using generator: inout SeededGenerator) -> String {
        var label = ""
        for _ in 0..<Int.random(in: 1...8, using: &generator) {
            label += interesting.randomElement(using: &generator)!
        }
        return "x" + label + "y"
    }

    /// What Graphviz shows: our writer's cleaning (controls dropped, CR and
    /// CR LF as line breaks), split into lines, empty lines not drawn.
    static func expectedLines(_ label: String) -> [String] {
        var cleaned = String.UnicodeScalarView()
        let scalars = Array(label.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar.value {
            case 0x0D:
                if index < scalars.count, scalars[index] == "\n" { continue }
                cleaned.append("\n")
            case 0x09, 0x0A: cleaned.append(scalar)
            case 0x00...0x1F, 0x7F...0x9F: continue
            default: cleaned.append(scalar)
            }
        }
        return String(cleaned).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            .filter { !$0.allSatisfy { $0 == " " || $0 == "\t" } }
    }

    /// The `<text>` lines of the node group titled `id`, with Graphviz's
    /// no-break spaces (for runs of spaces) read back as spaces.
    static func svgLines(_ svg: String, nodeTitle: String) -> [String]? {
        guard let root = parseXML(Data(svg.utf8)).root else { return nil }
        guard let group = root.allNodes.first(where: { node in
            node.name == "g" && (node.attributes["class"] ?? "").hasPrefix("node")
        }) else { return nil }
        return group.allNodes.filter { $0.name == "text" }
            .map { $0.text.replacingOccurrences(of: "\u{A0}", with: " ") }
    }

    @Test("Random plain labels come back as the same text", arguments: [UInt64(20_241_129), 7, 99])
    func plainLabels(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        for round in 0..<40 {
            let label = Self.randomLabel(using: &generator)
            let document = DOTDocument(
                name: "rt", isDirected: false,
                nodeDefaults: ["fontname": "Arial"],
                nodes: [DOTNode(id: "n", attributes: ["label": .text(label)])])
            let svg = utf8(try Graphviz.shared.render(dot: document.write(), engine: .dot, format: .svg))
            let prepared = try SVGDocument.prepare(Array(svg.utf8), options: SVGDocumentOptions(title: "t", description: "d"))
            let expected = Self.expectedLines(label)
            #expect(Self.svgLines(prepared, nodeTitle: "n") == expected,
                    "seed \(seed), round \(round): label \(label.debugDescription)")
            // Graphviz's own SVG is well-formed only once control characters are stripped.
            #expect(parseXML(Data(SVGDocument.removingControlCharacters(svg).utf8)).root != nil,
                    "seed \(seed), round \(round)")
        }
    }

    @Test("Random HTML-like labels come back as the same text", arguments: [UInt64(5), 2024])
    func htmlLabels(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        for round in 0..<40 {
            let label = Self.randomLabel(using: &generator)
            let document = DOTDocument(
                name: "rt", isDirected: false,
                nodeDefaults: ["fontname": "Arial"],
                nodes: [DOTNode(id: "n", attributes: ["label": .html(DOTHTML(text: label))])])
            let svg = utf8(try Graphviz.shared.render(dot: document.write(), engine: .dot, format: .svg))
            let prepared = try SVGDocument.prepare(Array(svg.utf8), options: SVGDocumentOptions(title: "t", description: "d"))
            // HTML-like labels cannot hold tabs in Graphviz 2.43; the writer
            // turns them into spaces.
            let expected = Self.expectedLines(label.replacingOccurrences(of: "\t", with: " "))
            #expect(Self.svgLines(prepared, nodeTitle: "n") == expected,
                    "seed \(seed), round \(round): label \(label.debugDescription)")
        }
    }
}
