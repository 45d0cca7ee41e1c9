// An analyst's script: draw one partner's neighbourhood as an accessible SVG,
// sized by betweenness — the DOT writer, libgvc and the SVG post-processing
// used directly through the library API.
//
//   swift run EgoDiagram Graphs/illustrative-partnerships.yaml agency 2016-11-01 ego.svg
import DOTRendering
import Foundation
import GraphvizRendering
import PartnerAnalysis
import PartnerGraph
import PartnerGraphIO

let args = CommandLine.arguments
let path = args.count > 1 ? args[1] : "Graphs/illustrative-partnerships.yaml"
let ego = args.count > 2 ? args[2] : "agency"
let asOf = (args.count > 3 ? PartialDate(args[3]) : nil)?.lastDay ?? Day(year: 2016, month: 11, day: 1)!
let output = args.count > 4 ? args[4] : "ego.svg"

let network: PartnerNetwork
do { network = try GraphFile.load(path: path) } catch {
    FileHandle.standardError.write(Data((error.description + "\n").utf8))
    exit(1)
}
guard network.partner(id: ego) != nil else {
    FileHandle.standardError.write(Data("unknown partner '\(ego)'\n".utf8))
    exit(1)
}

// The ego and its current neighbours.
let projection = try Projection(network: network, asOf: asOf)
var drawn: Set<String> = [ego]
if let node = projection.node(of: ego) {
    for n in projection.graph.neighbors(of: node) { drawn.insert(projection.ids[Int(n)]) }
}
let betweenness = try projection.graph.betweennessCentrality()
let sizes = NodeMeasure(name: "betweenness", values: Dictionary(uniqueKeysWithValues: zip(projection.ids, betweenness)))

let figure = PartnerFigure(network: network, asOf: asOf, partnerIDs: drawn, showsLapsedTies: false, sizeMeasure: sizes)
let styled = PartnerDOTStyle().makeDocument(for: figure)
let svg = try GraphvizRenderer().render(dot: styled.document.write(), engine: .neato, format: .svg)
let document = try SVGDocument.prepare(svg, options: SVGDocumentOptions(
    title: styled.title, description: styled.description, elementTitles: styled.elementTitles))
try AtomicFile.write(Array(document.utf8), to: output)
print("wrote \(output): \(drawn.count) partners around \(ego) as of \(asOf)")
