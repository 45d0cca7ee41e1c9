import Foundation
import GraphvizRendering
import Testing

// Golden SVG files (issue 4). The expected files in Golden/ come from an
// independent oracle, never from our own output: Golden/make_golden.py runs the
// Graphviz `dot` binary and applies SVGDocument's post-processing rules as
// re-implemented in Python (standard library only). Regenerate with
//
//     python3 Tests/RenderingTests/Golden/make_golden.py
//
// - NAME.dot (+ NAME.options.json → NAME.svg): rendered in-process through
//   libgvc and prepared with SVGDocument.prepare. Compared byte for byte when
//   `dot -V` prints the line recorded in Golden/GRAPHVIZ-VERSION; otherwise
//   (another Graphviz, or no `dot` to ask) structurally: the same number of
//   node groups (one per partner) and edge groups, and the same <title> texts.
// - NAME.svg.in (+ NAME.options.json → NAME.svg): a raw SVG written by hand, no
//   Graphviz involved, so always compared byte for byte.
//
// The styled DOT inputs are the CLI's own DOT, made with
//     partnergraph render Graphs/unesco-human-rights.yaml --as-of 2016-11-01 --engine dot \
//         --format dot -o Tests/RenderingTests/Golden/unesco-human-rights.dot
//     partnergraph render Graphs/illustrative-partnerships.yaml --as-of 2016-11-01 --engine neato \
//         --highlight-gaps --format dot -o Tests/RenderingTests/Golden/illustrative-partnerships.dot
// (no --cluster-by: cluster layouts depend on earlier layouts in the process);
// awkward.dot and hostile.svg.in are written by hand. Set GOLDEN_SVG_ACTUAL_DIR
// to a folder to get our output there as NAME.svg when a comparison fails.

private enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden")

    /// Stems of the golden inputs whose file names end in `suffix`.
    static func stems(endingIn suffix: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.map { String($0.dropLast(suffix.count)) }.sorted()
    }

    static let dotInputs = stems(endingIn: ".dot")
    static let svgInputs = stems(endingIn: ".svg.in")

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try data(name), as: UTF8.self)
    }

    /// NAME.options.json, with SVGDocumentOptions' defaults for what it leaves out.
    static func options(_ stem: String) throws -> SVGDocumentOptions {
        let file = try JSONDecoder().decode(OptionsFile.self, from: data(stem + ".options.json"))
        var options = SVGDocumentOptions(
            title: file.title, description: file.description, width: file.width, height: file.height,
            elementTitles: file.elementTitles ?? [:], keepsLinks: file.keepsLinks ?? false)
        if let idPrefix = file.idPrefix { options.idPrefix = idPrefix }
        if let fontFamily = file.fontFamily { options.fontFamily = fontFamily }
        return options
    }

    private struct OptionsFile: Decodable {
        var title: String
        var description: String
        var width: Double?
        var height: Double?
        var idPrefix: String?
        var elementTitles: [String: String]?
        var fontFamily: String?
        var keepsLinks: Bool?
    }

    /// The engine named by the graph's `layout` attribute (`layout="neato"`).
    static func engine(ofDOT dot: String) -> LayoutEngine? {
        guard let match = dot.firstMatch(of: /\blayout\s*=\s*"?([A-Za-z0-9_]+)"?/) else { return nil }
        return LayoutEngine(rawValue: String(match.1))
    }

    /// `dot -V` of the installed Graphviz (Graphviz prints it on standard error), or nil without `dot`.
    static func installedVersion() throws -> String? {
        guard let dot = findExecutable("dot") else { return nil }
        let result = try runTool(dot, ["-V"])
        return String(decoding: result.stderr + result.stdout, as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func recordedVersion() throws -> String {
        try text("GRAPHVIZ-VERSION").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// With GOLDEN_SVG_ACTUAL_DIR set, writes our output there as NAME.svg, to
    /// diff against the golden when a comparison fails.
    static func keepActual(_ stem: String, _ text: String) {
        guard let directory = ProcessInfo.processInfo.environment["GOLDEN_SVG_ACTUAL_DIR"] else { return }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try? Data(text.utf8).write(to: URL(fileURLWithPath: directory).appendingPathComponent(stem + ".svg"))
    }
}

/// Where two texts first differ, line by line, for a failure message; nil when equal.
private func firstDifference(expected: String, actual: String) -> String? {
    if expected == actual { return nil }
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(expectedLines.count, actualLines.count) {
        let wanted = index < expectedLines.count ? String(expectedLines[index]) : nil
        let got = index < actualLines.count ? String(actualLines[index]) : nil
        if wanted == got { continue }
        // Show the lines from a little before the first differing character
        // (by Unicode scalars, so escapes and decomposed letters show exactly).
        let wantedScalars = Array((wanted ?? "").unicodeScalars)
        let gotScalars = Array((got ?? "").unicodeScalars)
        var column = 0
        while column < min(wantedScalars.count, gotScalars.count), wantedScalars[column] == gotScalars[column] {
            column += 1
        }
        func excerpt(_ scalars: [Unicode.Scalar], present: Bool) -> String {
            guard present else { return "(no such line)" }
            let start = max(0, column - 60)
            let end = min(scalars.count, column + 100)
            var text = String(String.UnicodeScalarView(scalars[start..<end]))
            if start > 0 { text = "…" + text }
            if end < scalars.count { text += "…" }
            return text.debugDescription
        }
        return """
            first difference at line \(index + 1), column \(column + 1) \
            (expected \(expectedLines.count) lines, got \(actualLines.count)):
              expected: \(excerpt(wantedScalars, present: wanted != nil))
              actual:   \(excerpt(gotScalars, present: got != nil))
            """
    }
    return "the texts differ, but not line by line (\(expected.utf8.count) vs \(actual.utf8.count) bytes)"
}

/// What the structural comparison looks at.
private struct SVGStructure: Equatable, CustomStringConvertible {
    var nodeGroups: Int
    var edgeGroups: Int
    var titles: [String]

    init(_ root: XMLTreeNode) {
        let groups = root.allNodes.filter { $0.name == "g" }
        func classes(_ node: XMLTreeNode) -> [Substring] {
            (node.attributes["class"] ?? "").split(whereSeparator: \.isWhitespace)
        }
        nodeGroups = groups.filter { classes($0).contains("node") }.count
        edgeGroups = groups.filter { classes($0).contains("edge") }.count
        titles = Set(root.allNodes.filter { $0.name == "title" }.map(\.fullText)).sorted()
    }

    var description: String {
        "\(nodeGroups) node groups, \(edgeGroups) edge groups, \(titles.count) distinct titles"
    }
}

@Suite("Golden SVG (independent oracle: Golden/make_golden.py)")
struct GoldenSVGTests {
    @Test("The golden folder holds the inputs, options, goldens and the Graphviz version")
    func inventory() throws {
        #expect(Golden.dotInputs.count >= 3, "golden DOT inputs: \(Golden.dotInputs)")
        #expect(!Golden.svgInputs.isEmpty, "golden raw SVG inputs: \(Golden.svgInputs)")
        for stem in Golden.dotInputs + Golden.svgInputs {
            #expect((try? Golden.options(stem)) != nil, "\(stem).options.json missing or unreadable")
            #expect((try? Golden.data(stem + ".svg")) != nil, "\(stem).svg missing: run make_golden.py")
        }
        #expect(try Golden.recordedVersion().hasPrefix("dot - graphviz version "))
    }

    @Test("SVG from DOT: byte-exact with the recorded Graphviz, structurally equal otherwise",
          arguments: Golden.dotInputs)
    func fromDOT(_ stem: String) throws {
        let dot = try Golden.text(stem + ".dot")
        let engine = try #require(Golden.engine(ofDOT: dot), "\(stem).dot names no layout engine")
        let svg = try Graphviz.shared.render(dot: dot, engine: engine, format: .svg)
        let actual = try SVGDocument.prepare(svg, options: try Golden.options(stem))
        Golden.keepActual(stem, actual)
        let expected = try Golden.text(stem + ".svg")

        // The golden file itself is well-formed XML, and so is our output.
        let golden = parseXML(Data(expected.utf8))
        let goldenRoot = try #require(golden.root, "\(stem).svg is not well-formed: \(golden.error ?? "")")
        let ours = parseXML(Data(actual.utf8))
        let ourRoot = try #require(ours.root, "prepared \(stem) is not well-formed: \(ours.error ?? "")")

        // Structure, whatever the Graphviz version.
        let expectedStructure = SVGStructure(goldenRoot)
        let actualStructure = SVGStructure(ourRoot)
        #expect(expectedStructure.nodeGroups > 0 && expectedStructure.edgeGroups > 0)
        #expect(actualStructure.nodeGroups == expectedStructure.nodeGroups, "node groups (one per partner) in \(stem)")
        #expect(actualStructure.edgeGroups == expectedStructure.edgeGroups, "edge groups in \(stem)")
        let missingTitles = Set(expectedStructure.titles).subtracting(actualStructure.titles).sorted()
        let extraTitles = Set(actualStructure.titles).subtracting(expectedStructure.titles).sorted()
        #expect(missingTitles.isEmpty && extraTitles.isEmpty,
                "<title> texts in \(stem): only in the golden \(missingTitles), only in ours \(extraTitles)")

        // Bytes, when this is the Graphviz the goldens were made with.
        let recorded = try Golden.recordedVersion()
        guard let installed = try Golden.installedVersion() else {
            print("GoldenSVG \(stem): byte comparison skipped, no `dot` on PATH to tell the Graphviz version (goldens: \(recorded)); compared structurally: \(actualStructure)")
            return
        }
        guard installed == recorded else {
            print("GoldenSVG \(stem): byte comparison skipped, `dot -V` says \"\(installed)\" but the goldens were made with \"\(recorded)\"; compared structurally: \(actualStructure)")
            return
        }
        let difference = firstDifference(expected: expected, actual: actual)
        #expect(difference == nil, "\(stem).svg: \(difference ?? "")")
    }

    @Test("SVG from a hand-written SVG (no Graphviz): byte-exact", arguments: Golden.svgInputs)
    func fromRawSVG(_ stem: String) throws {
        let input = [UInt8](try Golden.data(stem + ".svg.in"))
        let actual = try SVGDocument.prepare(input, options: try Golden.options(stem))
        Golden.keepActual(stem, actual)
        let expected = try Golden.text(stem + ".svg")
        let golden = parseXML(Data(expected.utf8))
        #expect(golden.root != nil, "\(stem).svg is not well-formed: \(golden.error ?? "")")
        let difference = firstDifference(expected: expected, actual: actual)
        #expect(difference == nil, "\(stem).svg: \(difference ?? "")")
    }
}
