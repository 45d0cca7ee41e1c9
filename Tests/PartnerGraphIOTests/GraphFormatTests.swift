import Foundation
import PartnerGraph
import Testing
import PartnerGraphIO

/// The registry of graph file formats: one entry per format, from which
/// detection, loading, saving and the messages are derived.
@Suite("Graph format registry")
struct GraphFormatTests {
    @Test("The registry holds the five formats, in the order messages list them")
    func registryOrder() {
        #expect(GraphFormat.all.map(\.name) == ["yaml", "json", "csv", "graphml", "gexf"])
        #expect(GraphFormat.all.map(\.extensions) == [["yaml", "yml"], ["json"], ["csv"], ["graphml"], ["gexf"]])
        #expect(GraphFormat.all.allSatisfy { $0.canRead && $0.canWrite })
        #expect(GraphFormat.all.filter(\.isDirectory) == [.csv])
        #expect(GraphFormat.all.filter(\.isSingleText) == [.yaml, .json, .graphml, .gexf])
        #expect(GraphFormat.directoryFormat == .csv)
    }

    @Test("Names and extensions pick one format each")
    func namesAndExtensionsAreUnique() {
        let names = GraphFormat.all.map(\.name)
        #expect(Set(names).count == names.count)
        let extensions = GraphFormat.all.flatMap(\.extensions)
        #expect(Set(extensions).count == extensions.count)
        for format in GraphFormat.all {
            #expect(GraphFormat(name: format.name) == format)
            for ext in format.extensions {
                #expect(GraphFormat.format(forExtension: ext.uppercased()) == format)
            }
        }
        #expect(GraphFormat(name: "dot") == nil)
        #expect(GraphFormat.format(forExtension: "md") == nil)
    }

    @Test("detect: by extension, any case; a directory, a trailing slash or no extension is the CSV pair")
    func detect() throws {
        #expect(try GraphFormat.detect(path: "a/b.YML") == .yaml)
        #expect(try GraphFormat.detect(path: "b.json") == .json)
        #expect(try GraphFormat.detect(path: "x/partners.csv") == .csv)
        #expect(try GraphFormat.detect(path: "b.GraphML") == .graphml)
        #expect(try GraphFormat.detect(path: "b.gexf") == .gexf)
        #expect(try GraphFormat.detect(path: "out") == .csv)
        #expect(try GraphFormat.detect(path: "out.d/") == .csv)
        #expect(try GraphFormat.detect(path: FileManager.default.temporaryDirectory.path) == .csv)
    }

    @Test("An unknown extension names every known one")
    func unknownExtension() {
        do {
            _ = try GraphFormat.detect(path: "notes.md")
            Issue.record("detect accepted .md")
        } catch {
            #expect(error.description == """
                notes.md: error: unknown graph file extension '.md'
                    hint: use .yaml, .yml, .json, .graphml, .gexf, or a directory holding partners.csv and ties.csv
                """)
        }
        #expect(GraphFormat.extensionList(of: GraphFormat.all) == ".yaml, .yml, .json, .graphml, .gexf")
        #expect(GraphFormat.extensionList(of: GraphFormat.all, primaryOnly: true) == ".yaml, .json, .graphml, .gexf")
    }

    @Test("Every single-text format writes a network it reads back", arguments: GraphFormat.all.filter(\.isSingleText))
    func roundTrip(_ format: GraphFormat) throws {
        let net = PartnerNetwork(
            title: "Two", focal: "a",
            partners: [Partner(id: "a", name: "A", kind: "agency"), Partner(id: "b", name: "B", kind: "ngo")],
            ties: [Tie(type: "agreement", source: "a", target: "b")])
        let text = try GraphFile.text(of: net, format: format)
        let back = try GraphFile.parse(text, format: format, path: "t.\(format.extensions[0])")
        #expect(back.partners.map(\.id) == ["a", "b"])
        #expect(back.ties.count == 1)
        #expect(back.title == "Two")
        #expect(format.limitations(of: net).isEmpty)
    }
}
