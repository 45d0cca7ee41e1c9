// An analyst's script: check a partnership graph against its strategy and list
// what needs attention this quarter — using only the library API.
//
//   swift run GapCheck Graphs/unesco-human-rights.yaml Graphs/unesco-human-rights.strategy.yaml 2016-11-01
import Foundation
import PartnerAnalysis
import PartnerGraph
import PartnerGraphIO

let args = CommandLine.arguments
let graphPath = args.count > 1 ? args[1] : "Graphs/unesco-human-rights.yaml"
let strategyPath = args.count > 2 ? args[2] : "Graphs/unesco-human-rights.strategy.yaml"
let asOf = (args.count > 3 ? PartialDate(args[3]) : nil)?.lastDay ?? Day(year: 2016, month: 11, day: 1)!

func fail(_ error: GraphFileError) -> Never {
    FileHandle.standardError.write(Data((error.description + "\n").utf8))
    exit(1)
}

let network: PartnerNetwork
let strategy: Strategy
do { network = try GraphFile.load(path: graphPath) } catch { fail(error) }
do { strategy = try StrategyFile.load(path: strategyPath, network: network) } catch { fail(error) }

let report = try GapFinder(network: network, strategy: strategy).report(asOf: asOf)
let urgent = report.gaps.filter { $0.severity.isAtLeast(.medium) }
print("\(network.title ?? graphPath): \(report.gaps.count) gaps as of \(asOf), \(urgent.count) of them high or medium")
for kind in GapKind.allCases {
    let found = urgent.filter { $0.kind == kind }
    guard let first = found.first else { continue }
    print("- \(kind.rawValue) (\(found.count)): e.g. \(first.action)")
}
let covered = report.coverage.categories.filter(\.isMet).count
print("Expected categories with a current tie: \(covered) of \(report.coverage.categories.count)")
exit(report.hasGaps(atLeast: .high) ? 2 : 0)
