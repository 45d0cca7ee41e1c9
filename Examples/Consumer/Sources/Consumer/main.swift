// Reads a graph and prints each partner's degree at a date: the library's
// model, reader and measures, as a package that depends on PartnerGraph.
//
//   swift run --package-path Examples/Consumer Consumer Graphs/unesco-human-rights.yaml 2016-11-01
import Foundation
import PartnerAnalysis
import PartnerGraph
import PartnerGraphIO

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 2, let day = PartialDate(arguments[1])?.lastDay else {
    FileHandle.standardError.write(Data("usage: Consumer GRAPH YYYY[-MM[-DD]]\n".utf8))
    exit(64)
}
do {
    let network = try GraphFile.load(path: arguments[0])
    let projection = try Projection(network: network, asOf: day)
    let degrees = projection.graph.degrees()
    for (id, degree) in zip(projection.ids, degrees).sorted(by: { ($1.1, $0.0) < ($0.1, $1.0) }) {
        print("\(id)\t\(degree)")
    }
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
