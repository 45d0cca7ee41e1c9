import ArgumentParser
import Foundation
import PartnerGraph
import PartnerGraphIO

/// `partnergraph import INPUT… --mapping MAP.yaml -o OUT`: foreign CSV files
/// and workbook sheets into one graph.
struct ImportCommand: ParsableCommand, ReadsData {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import foreign CSV files or .xlsx workbooks (edge or membership lists) into one graph with a mapping file.",
        discussion: """
        The mapping (YAML, see Examples/*.mapping.yaml) says which columns hold partner ids, names, \
        kinds, tie endpoints or memberships, type, start and end (with fallback columns), which date \
        formats to accept, which strings mean missing (per column) and which date means open-ended, \
        which rows to keep, and whether a membership list becomes a bipartite graph or is projected \
        to partner–partner ties dated by the overlap of the memberships.
        Inputs: CSV files, glob patterns (quoted or not: 'hr_status_*.csv' is expanded here, sorted; \
        a pattern matching no file is an error), and .xlsx workbooks (every sheet, or one sheet as \
        BOOK.xlsx#SHEET). All inputs go into one graph; the mapping can take values from the file or \
        sheet name ({file: stem, match: REGEX}, {sheet: name}) and through lookup tables. \
        See Docs/import-mapping.md for every mapping key.
        Every row that cannot be used is reported as a warning with its line; a row without a start \
        date is an error unless the mapping says 'undated: keep' or 'undated: skip', and so is a \
        filter that matches no row. The counts of what was read, filtered, skipped, merged and used, \
        per input and in total, go to standard error. Errors are reported with their file, line and \
        column and nothing is written (exit 1). --explain shows how each column of each input is used.
        """
    )

    @Argument(help: ArgumentHelp("The inputs: CSV files, glob patterns, .xlsx workbooks (all sheets) or BOOK.xlsx#SHEET.", valueName: "input"))
    var inputs: [String]

    @Option(name: .long, help: ArgumentHelp("The mapping file (YAML).", valueName: "mapping"))
    var mapping: String

    @Option(name: [.short, .customLong("output")],
            help: ArgumentHelp("Where to write: \(GraphFormat.extensionList(of: GraphFormat.all.filter(\.canWrite))), or a directory for the CSV pair (not needed with --explain).", valueName: "out"))
    var output: String?

    @Flag(help: "Print how each column of each input is used (read by which mapping key, ignored, or missing) and stop; nothing is written.")
    var explain = false

    @Option(help: ArgumentHelp("A CSV file of partner names (its id and name columns are given by the mapping's 'names' section).", valueName: "names"))
    var names: String?

    @Option(name: .customLong("type"), help: ArgumentHelp("Tie type for every tie, overriding the mapping's 'ties.type' (e.g. agreement).", valueName: "type"))
    var tieType: String?

    @OptionGroup var outsidePaths: OutsidePathsOption

    @Option(name: .customLong("max-warnings"), help: ArgumentHelp("Print at most this many row warnings; the rest are counted.", valueName: "n"))
    var maxWarnings: Int = 20

    @OptionGroup(title: "Input limits") var readLimits: ReadLimitOptions

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("Give at least one input file (CSV, a glob pattern, or .xlsx).") }
        guard let output else {
            if explain { return }
            throw ValidationError("Missing expected argument '--output <out>' (or use --explain).")
        }
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
        let sources: [ImportSource]
        let map: ImportMapping
        do {
            map = try ImportMapping.load(path: mapping)
            sources = try Self.sources(inputs, mapping: map)
        } catch {
            CLI.printDiagnostics(error.diagnostics)
            throw ExitCode(1)
        }
        if explain {
            CLI.out(map.explain(sources))
            return
        }
        guard let output else { throw ExitCode(64) }
        let result: ImportResult
        do {
            var m = map
            if let tieType { m.type = .constant(tieType) }
            result = try CSVImporter.importSources(sources, mapping: m, namesPath: names,
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
        try CLI.writeGraph(result.network, format: nil, to: output, source: "what was imported")
        let what = sources.count == 1 ? sources[0].path : "\(sources.count) inputs"
        CLI.err("imported \(what) with \(mapping)\n" + result.report.summary + "\nwrote \(output)\n")
    }

    /// The inputs named by `arguments`: globs expanded (sorted), workbooks split into sheets.
    /// - Throws: ``GraphFileError`` for a pattern matching no file, an unreadable file or workbook.
    static func sources(_ arguments: [String], mapping: ImportMapping) throws(GraphFileError) -> [ImportSource] {
        var paths: [(path: String, sheet: String?)] = []
        var seen = Set<String>()
        for arg in arguments {
            var pattern = arg, sheet: String?
            if let hash = arg.lastIndex(of: "#"), arg[..<hash].lowercased().hasSuffix(".xlsx") {
                pattern = String(arg[..<hash])
                sheet = String(arg[arg.index(after: hash)...])
            }
            var matches = [pattern]
            if pattern.contains(where: { "*?[".contains($0) }) && !FileManager.default.fileExists(atPath: pattern) {
                matches = Glob.expand(pattern)
                if matches.isEmpty {
                    throw GraphFileError(path: pattern, message: "the pattern matches no file",
                                         hint: "check the directory and the pattern (expanded here, sorted; quote it so the shell leaves it alone)")
                }
            }
            for p in matches where seen.insert(p + "#" + (sheet ?? "")).inserted { paths.append((p, sheet)) }
        }
        // The CSV files, read and parsed on every core; workbooks and errors below, in order.
        let isCSV = paths.map { !["xlsx", "xlsm", "xls", "ods"].contains(($0.path as NSString).pathExtension.lowercased()) }
        var parsed = ImportSource.readCSVFiles(atPaths: paths.indices.filter { isCSV[$0] }.map { paths[$0].path })[...]
        var out: [ImportSource] = []
        for (i, (path, sheet)) in paths.enumerated() {
            let ext = (path as NSString).pathExtension.lowercased()
            if isCSV[i] {
                out.append(try parsed.removeFirst().get())
            } else if ext == "xlsx" || ext == "xlsm" {
                out += try Workbook.sources(atPath: path, sheet: sheet)
            } else if ext == "xls" || ext == "ods" {
                throw GraphFileError(path: path, message: "\(ext == "xls" ? "old Excel (.xls)" : "OpenDocument (.ods)") workbooks are not read",
                                     hint: "save it as .xlsx, or export each sheet as CSV")
            }
        }
        return out
    }
}

/// Glob patterns expanded by `glob(3)`, so a quoted pattern works as an unquoted one would.
enum Glob {
    /// The paths matching `pattern`, sorted; empty when none match.
    static func expand(_ pattern: String) -> [String] {
        var g = glob_t()
        defer { globfree(&g) }
        guard glob(pattern, 0, nil, &g) == 0 else { return [] }
        var out: [String] = []
        for i in 0..<Int(g.gl_pathc) {
            if let p = g.gl_pathv[i] { out.append(String(cString: p)) }
        }
        return out.sorted()
    }
}

