// An analyst's script: load a graph, take one snapshot per year, and show who
// rose and who faded in betweenness — using only the library API.
//
//   swift run YearlyCentrality Graphs/illustrative-partnerships.yaml 2005 2016
import Foundation
import PartnerAnalysis
import PartnerGraph
import PartnerGraphIO

let args = CommandLine.arguments
let path = args.count > 1 ? args[1] : "Graphs/illustrative-partnerships.yaml"
let first = args.count > 2 ? Int(args[2]) ?? 2005 : 2005
let last = args.count > 3 ? Int(args[3]) ?? 2016 : 2016

let network: PartnerNetwork
do {
    network = try GraphFile.load(path: path)
} catch {
    FileHandle.standardError.write(Data((error.description + "\n").utf8))
    exit(1)
}

// Betweenness per partner per year (31 December snapshots).
var byYear: [Int: [String: Double]] = [:]
for year in first...last {
    let projection = try Projection(network: network, asOf: Day(year: year, month: 12, day: 31)!)
    let scores = try projection.graph.betweennessCentrality()
    byYear[year] = Dictionary(uniqueKeysWithValues: zip(projection.ids, scores))
}

// The biggest rises and falls between the first and the last year.
let start = byYear[first]!, end = byYear[last]!
let ids = Set(start.keys).union(end.keys).sorted()
let deltas = ids.map { ($0, (end[$0] ?? 0) - (start[$0] ?? 0)) }
let risers = deltas.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(5)
let fallers = deltas.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(5)

print("Betweenness, 31 December \(first) → \(last) (\(network.title ?? path))")
print("Rose most:")
for (id, d) in risers {
    print("  \(id): \(NumberFormatting.fixed(start[id] ?? 0, digits: 3)) → \(NumberFormatting.fixed(end[id] ?? 0, digits: 3)) (+\(NumberFormatting.fixed(d, digits: 3)))")
}
print("Fell most:")
for (id, d) in fallers {
    print("  \(id): \(NumberFormatting.fixed(start[id] ?? 0, digits: 3)) → \(NumberFormatting.fixed(end[id] ?? 0, digits: 3)) (\(NumberFormatting.fixed(d, digits: 3)))")
}
