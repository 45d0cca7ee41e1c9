import ArgumentParser
import Foundation
import PartnerGraph
import PartnerGraphIO

/// `partnergraph import CSV --mapping MAP.yaml -o OUT`: a foreign CSV file into a graph.
struct ImportCommand: ParsableCommand, ReadsData {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a foreign CSV file (edge list or membership list) with a mapping file.",
        discussion: """
        The mapping (YAML, see Examples/*.mapping.yaml) says which columns hold partner ids, names, \
        kinds, tie endpoints or memberships, type, start and end (with fallback columns), which date \
        formats to accept, which strings mean missing (per column) and which date means open-ended, \
        which rows to keep, and whether a membership list becomes a bipartite graph or is projected \
        to partner–partner ties dated by the overlap of the memberships.
        Every row that cannot be used is reported as a warning with its line; the counts of what was \
        kept go to standard output. Errors in the mapping are reported with their line and column and \
        nothing is written (exit 1).
        """
    )

    @Argument(help: ArgumentHelp("The CSV file to import.", valueName: "csv"))
    var input: String

    @Option(name: .long, help: ArgumentHelp("The mapping file (YAML).", valueName: "mapping"))
    var mapping: String

    @Option(name: [.short, .customLong("output")],
            help: ArgumentHelp("Where to write: \(GraphFormat.extensionList(of: GraphFormat.all.filter(\.canWrite))), or a directory for the CSV pair.", valueName: "out"))
    var output: String

    @Option(help: ArgumentHelp("A CSV file of partner names (its id and name columns are given by the mapping's 'names' section).", valueName: "names"))
    var names: String?

    @Option(name: .customLong("type"), help: ArgumentHelp("Tie type for every tie, overriding the mapping's 'ties.type' (e.g. agreement).", valueName: "type"))
    var tieType: String?

    @OptionGroup var outsidePaths: OutsidePathsOption

    @Option(name: .customLong("max-warnings"), help: ArgumentHelp("Print at most this many row warnings; the rest are counted.", valueName: "n"))
    var maxWarnings: Int = 20

    @OptionGroup(title: "Input limits") var readLimits: ReadLimitOptions

    func validate() throws {
        let ext = (output as NSString).pathExtension.lowercased()
        if ConvertCommand.dotExtensions.contains(ext) {
            throw ValidationError("DOT is not an import target; import to .yaml, then use `partnergraph render`.")
        }
        if (try? GraphFormat.detect(path: output)) == nil {
            throw ValidationError("Cannot tell the output format from '\(output)'; use \(GraphFormat.extensionList(of: GraphFormat.all.filter(\.canWrite), primaryOnly: true)) or a directory.")
        }
        if maxWarnings < 0 { throw ValidationError("--max-warnings must be 0 or more.") }
    }

    func run() throws {
        let result: ImportResult
        do {
            var map = try ImportMapping.load(path: mapping)
            if let tieType { map.type = .constant(tieType) }
            result = try CSVImporter.importFile(atPath: input, mapping: map, namesPath: names,
                                                allowsOutsidePaths: outsidePaths.allowOutsidePaths)
        } catch {
            CLI.printDiagnostics(error.diagnostics)
            throw ExitCode(1)
        }
        let warnings = result.report.warnings
        if !warnings.isEmpty {
            var text = warnings.prefix(maxWarnings).map(\.description).joined(separator: "\n") + "\n"
            if warnings.count > maxWarnings {
                text += "… and \(warnings.count - maxWarnings) more warning\(warnings.count - maxWarnings == 1 ? "" : "s") (--max-warnings to see more)\n"
            }
            CLI.err(text)
        }
        // A CSV pair keeps declared tie types in the graph.yaml written beside it.
        let format = try GraphFormat.detect(path: output)
        do {
            try GraphFile.save(result.network, to: output)
        } catch {
            throw CLI.failure(error)
        }
        let losses = format.limitations(of: result.network)
        if !losses.isEmpty {
            CLI.warn("\(format.name.uppercased()) cannot hold everything imported; not written:\n"
                     + losses.map { "  - " + $0 }.joined(separator: "\n"))
        }
        CLI.out("imported \(input) with \(mapping)\n"
                + result.report.summary + "\nwrote \(output)\n")
    }
}
