import ArgumentParser
import PartnerGraph
import PartnerGraphIO

struct ValidateCommand: ParsableCommand, ReadsData, WritesText {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check graph files and report every problem with its line and column.",
        discussion: "Prints one summary line per valid file; diagnostics go to standard error. Exit 1 when any file has an error."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: ArgumentHelp("Graph files (.yaml, .yml, .json) or directories holding partners.csv and ties.csv.", valueName: "file"))
    var files: [String]

    @Option(help: "Output format: text, or json for machines (diagnostics included in the JSON, nothing on stderr).")
    var format: Format = .text

    @OptionGroup var textOutput: TextOutputOption

    /// The report of a file with problems is written too.
    static var statusesWritten: Set<Int32> { [0, 1] }

    @OptionGroup(title: "Input limits") var readLimits: ReadLimitOptions

    func run() throws {
        var failed = false
        var jsonItems: [FileValidation] = []
        for path in files {
            do {
                var warnings: [Diagnostic] = []
                let net = try GraphFile.load(path: path, warnings: &warnings)
                let line = Self.summaryLine(net)
                if format == .text {
                    if !warnings.isEmpty { CLI.printDiagnostics(warnings) }
                    CLI.out("\(path): ok: \(line)\n")
                }
                jsonItems.append(FileValidation(path: path, network: net, diagnostics: warnings))
            } catch {
                failed = true
                if format == .text { CLI.printDiagnostics(error.diagnostics) }
                jsonItems.append(FileValidation(path: path, network: nil, diagnostics: error.diagnostics))
            }
        }
        if format == .json { try CLI.json(jsonItems) }
        if failed { throw ExitCode(1) }
    }

    /// `14 partners (9 kinds), 16 ties (3 types), dated 2003–2016, 5 undated`.
    static func summaryLine(_ net: PartnerNetwork) -> String {
        let kinds = Set(net.partners.map(\.kind)).count
        let types = Set(net.ties.map(\.type)).count
        var s = "\(net.partners.count) partner\(net.partners.count == 1 ? "" : "s") (\(kinds) kind\(kinds == 1 ? "" : "s")), "
        s += "\(net.ties.count) tie\(net.ties.count == 1 ? "" : "s") (\(types) type\(types == 1 ? "" : "s"))"
        if let range = dateRange(net) { s += ", dated \(range)" }
        let undated = net.ties.filter { $0.start == nil && $0.end == nil }.count
        if undated > 0 { s += ", \(undated) undated" }
        return s
    }

    /// `2003–2016` from the earliest start to the latest end or start.
    static func dateRange(_ net: PartnerNetwork) -> String? {
        guard let range = net.dateRange else { return nil }
        let (lo, hi) = range
        return lo.year == hi.year ? "\(lo.year)" : "\(lo.year)–\(hi.year)"
    }
}
