import ArgumentParser
import Foundation
import PartnerGraph
import PartnerGraphIO
import FigureStyle
import GraphvizRendering

/// Output formats for tables.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, markdown
}

/// `--as-of DATE`, shared by every command that looks at a date.
struct AsOfOption: ParsableArguments {
    @Option(name: .customLong("as-of"), help: ArgumentHelp("Snapshot date (YYYY, YYYY-MM or YYYY-MM-DD; a partial date means its last day). Default: today.", valueName: "date"))
    var asOf: String?

    @Option(help: ArgumentHelp("Lookback for every tie type instead of the per-type default (e.g. 0, 3y, 18m).", valueName: "span"))
    var lookback: String?

    func validate() throws {
        if let asOf, case .failure(let p) = PartialDate.parse(asOf) {
            throw ValidationError("--as-of: \(p.message); \(p.hint).")
        }
        if let lookback, Lookback(lookback) == nil {
            throw ValidationError("--lookback: '\(lookback)' is not a span; write e.g. 0, 3y, 18m or 90d.")
        }
    }

    /// The snapshot day: the last day of the given period, or today (UTC).
    var day: Day {
        if let asOf, let d = PartialDate(asOf) { return d.lastDay }
        return CLI.today
    }

    var lookbackOverride: Lookback? { lookback.flatMap(Lookback.init) }
}

/// `--years FROM...TO` for the commands that take one snapshot per year
/// (analyze, coverage), with the former spelling `--by-year` as a hidden alias.
struct YearsOption: ParsableArguments {
    @Option(help: ArgumentHelp("One snapshot per year, as of 31 December: FROM...TO (e.g. 2000...2016).", valueName: "from...to"))
    var years: String?

    /// The former spelling of `--years`; prints a deprecation line.
    @Option(name: .customLong("by-year"), help: ArgumentHelp(visibility: .hidden))
    var deprecatedByYear: String?

    func validate() throws {
        if deprecatedByYear != nil { CLI.deprecated("--by-year", "--years") }
        if years != nil && deprecatedByYear != nil { throw ValidationError("--by-year is the former spelling of --years; give --years only.") }
        if let text = years ?? deprecatedByYear, YearRange(text) == nil { throw ValidationError("--years: write a range like 2000...2016.") }
    }

    /// The years asked for (from `--years`, or the deprecated `--by-year`), or nil.
    var range: YearRange? { (years ?? deprecatedByYear).flatMap(YearRange.init) }

    /// One snapshot date and a range of them exclude each other.
    func check(against time: AsOfOption) throws {
        if range != nil && time.asOf != nil { throw ValidationError("--years and --as-of exclude each other.") }
    }
}

/// `2000...2016` (also `2000..2016`, `2000-2016`).
struct YearRange {
    let years: [Int]
    init?(_ text: String) {
        for sep in ["...", "..", "-", ":"] {
            let parts = text.components(separatedBy: sep)
            if parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), a <= b, a >= 1, b <= 9999, b - a <= 500 {
                years = Array(a...b)
                return
            }
        }
        return nil
    }
}

/// `--allow-outside-paths`, on every command that reads a strategy or a mapping.
struct OutsidePathsOption: ParsableArguments {
    @Flag(name: .customLong("allow-outside-paths"),
          help: "Let a strategy's roster or a mapping's names file be outside that file's directory (an absolute or ../ path). Off: a data file received from someone else cannot make the command read other files.")
    var allowOutsidePaths = false
}

/// The limits every reader enforces (``ReadLimits``), on every command that reads data.
struct ReadLimitOptions: ParsableArguments {
    @Option(name: .customLong("max-file-size"), help: ArgumentHelp("Largest input file (bytes, or with KB, MB, GB, KiB, MiB, GiB).", valueName: "size"))
    var maxFileSize: String = "1GiB"

    @Option(name: .customLong("max-field-length"), help: ArgumentHelp("Longest text value (id, name, note, CSV field, XML attribute or text), in characters.", valueName: "n"))
    var maxFieldLength: Int = ReadLimits.standard.maxFieldLength

    @Option(name: .customLong("max-partners"), help: ArgumentHelp("Most partners in one graph.", valueName: "n"))
    var maxPartners: Int = ReadLimits.standard.maxPartners

    @Option(name: .customLong("max-ties"), help: ArgumentHelp("Most ties in one graph.", valueName: "n"))
    var maxTies: Int = ReadLimits.standard.maxTies

    @Option(name: .customLong("max-yaml-values"), help: ArgumentHelp("Most values a YAML or JSON file may expand to through aliases. Default: twice the file's size in bytes plus 10,000.", valueName: "n"))
    var maxYAMLValues: Int?

    func validate() throws {
        guard let size = ReadLimits.parseSize(maxFileSize), size > 0 else {
            throw ValidationError("--max-file-size: '\(maxFileSize)' is not a size; write e.g. 2GiB, 500MB or 1000000 (bytes).")
        }
        if size >= 1 << 32 {
            throw ValidationError("--max-file-size: \(maxFileSize) is over 4 GiB, the most the CSV reader can index; split the file.")
        }
        for (name, value) in [("--max-field-length", maxFieldLength), ("--max-partners", maxPartners),
                              ("--max-ties", maxTies), ("--max-yaml-values", maxYAMLValues ?? 1)] where value < 1 {
            throw ValidationError("\(name): \(value) is not a limit; give a positive number.")
        }
    }

    var limits: ReadLimits {
        ReadLimits(maxFileBytes: ReadLimits.parseSize(maxFileSize) ?? ReadLimits.standard.maxFileBytes,
                   maxFieldLength: maxFieldLength, maxPartners: maxPartners, maxTies: maxTies, maxYAMLValues: maxYAMLValues)
    }
}

/// `--kind`, on every command that can keep to some kinds of partner.
struct KindOption: ParsableArguments {
    @Option(parsing: .singleValue, help: ArgumentHelp("Only partners of these kinds (repeatable, or a comma-separated list).", valueName: "kind"))
    var kind: [String] = []

    /// The kinds from every `--kind`, split at commas and trimmed.
    var kinds: [String] {
        kind.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
    }

    func validate() throws {
        if kind.contains(where: { $0.isEmpty }) || (!kind.isEmpty && kinds.isEmpty) {
            throw ValidationError("--kind needs a kind name.")
        }
    }

    /// Exit 64 with the closest known kinds for a kind no partner of `net` has.
    func check(in net: PartnerNetwork, command: String) throws {
        let known = Set(net.partners.map(\.kind)).sorted()
        if let unknown = kinds.first(where: { !known.contains($0) }) {
            throw CLI.unknownValue("--kind", "partner kind", unknown, among: known, command: command)
        }
    }
}

/// Exit 64 with the closest known ids for an option naming a partner `net` does not have.
func checkPartner(_ id: String, option: String, in net: PartnerNetwork, command: String) throws {
    guard net.partner(id: id) == nil else { return }
    throw CLI.unknownValue(option, "partner", id, among: net.partners.map(\.id), command: command)
}

/// `-o/--output FILE` on the commands that print tables, reports or JSON.
struct TextOutputOption: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to FILE instead of standard output (atomically: nothing is written on an error; - is standard output).", valueName: "file"))
    var output: String?
}

/// A command whose standard output `-o` can send to a file.
protocol WritesText {
    var textOutput: TextOutputOption { get }
    /// The exit statuses whose output is written: 0, and 2 (gaps found);
    /// `validate` also writes its report of a bad file (1).
    static var statusesWritten: Set<Int32> { get }
}

extension WritesText {
    static var statusesWritten: Set<Int32> { [0, 2] }
}

/// A command that reads data files, under the limits its options set.
protocol ReadsData {
    var readLimits: ReadLimitOptions { get }
}

enum CLI {
    /// Today's date in UTC.
    static var today: Day {
        let secs = Int(Date().timeIntervalSince1970)
        return Day(ordinal: secs >= 0 ? secs / 86_400 : (secs - 86_399) / 86_400)
    }

    /// Loads a graph, printing diagnostics to stderr and exiting 1 on failure.
    static func load(_ path: String) throws -> PartnerNetwork {
        do {
            return try GraphFile.load(path: path)
        } catch {
            printDiagnostics(error.diagnostics)
            throw ExitCode(1)
        }
    }

    /// Writes `network` to `output` (`-`: standard output) as `format`, or in
    /// the format of the output's extension (a directory: a CSV pair), after a
    /// warning that lists what the format cannot hold of it (`source` names
    /// what is written, e.g. the input file). Files are written atomically.
    static func writeGraph(_ network: PartnerNetwork, format: GraphFormat?, to output: String, source: String) throws {
        let target = try format ?? GraphFormat.detect(path: output)
        let losses = target.limitations(of: network)
        if !losses.isEmpty {
            warn("\(target.name.uppercased()) cannot hold everything in \(source); not written:\n"
                 + losses.map { "  - " + $0 }.joined(separator: "\n"))
        }
        do {
            if output == "-" {
                exact(try GraphFile.text(of: network, format: target))
            } else if target.isDirectory || format == nil || (try? GraphFormat.detect(path: output)) == target {
                try GraphFile.save(network, to: output)
            } else {
                try AtomicFile.write(Array(GraphFile.text(of: network, format: target).utf8), to: output)
            }
        } catch {
            throw failure(error)
        }
    }

    static func printDiagnostics(_ diagnostics: [Diagnostic]) {
        let errors = diagnostics.filter { $0.severity == .error }.count
        var text = diagnostics.map(\.description).joined(separator: "\n") + "\n"
        if errors > 1 { text += "\(errors) errors\n" }
        err(text)
    }

    /// Prints a failed read or write and gives its exit status: 64 for a
    /// refused request (an output over an input), else 1.
    static func failure(_ error: GraphFileError) -> ExitCode {
        printDiagnostics(error.diagnostics)
        return ExitCode(error.isUsageError ? 64 : 1)
    }

    /// A Graphviz error as it reads after "FILE: error: ": "Graphviz: …",
    /// not "Graphviz: Graphviz error: …".
    static func graphvizMessage(_ error: GraphvizError) -> String {
        var message = error.description
        for prefix in ["Graphviz error: ", "Graphviz "] where message.hasPrefix(prefix) {
            message = "Graphviz: " + message.dropFirst(prefix.count)
            break
        }
        return message
    }

    /// An option naming an id, kind or engine the data does not have (found
    /// once the file is read): the closest known values and where the help
    /// is, exit 64, like every other usage error.
    static func unknownValue(_ option: String, _ what: String, _ value: String, among known: [String], command: String) -> ExitCode {
        err("Error: \(option): \(Suggestion.unknownMessage(what, value, among: known)).\n"
            + "See 'partnergraph \(command) --help' for more information.\n")
        return ExitCode(64)
    }

    /// The layout engines `--engine` takes, checked before anything is read.
    static func checkEngine(_ engine: String?) throws {
        let known = LayoutEngine.allSupported.map(\.rawValue)
        guard let engine, !known.contains(engine) else { return }
        throw ValidationError("--engine: " + Suggestion.unknownMessage("layout engine", engine, among: known) + ".")
    }

    /// The line a deprecated spelling prints (it still works): "partnergraph: OLD is deprecated; use NEW".
    static func deprecated(_ old: String, _ new: String) {
        err("partnergraph: \(old) is deprecated; use \(new)\n")
    }

    static func warn(_ text: String) {
        err("warning: " + text + "\n")
    }

    /// Writes `text` to standard error, controls and bidi characters from the
    /// data made visible (a file name or partner name cannot drive the terminal).
    static func err(_ text: String) {
        StandardStream.writeError(VisibleText.escape(text, keepsNewlines: true))
    }

    /// Writes text meant for a person (tables, Markdown, summaries) to standard
    /// output with controls and bidi characters made visible. A write that
    /// fails (a closed pipe, a full disk) is reported and the command exits 1.
    static func out(_ text: String) {
        exact(VisibleText.escape(text, keepsNewlines: true))
    }

    /// Writes CSV or JSON to standard output as it is: the data stays exact
    /// (JSON escapes its controls itself).
    static func exact(_ text: String) {
        if captured != nil {
            captured!.append(contentsOf: text.utf8)
            return
        }
        do { try StandardStream.writeOutput(Array(text.utf8)) } catch {
            printDiagnostics(error.diagnostics)
            exit(1)
        }
    }

    /// Writes `value` as JSON (``JSONOutput``: sorted keys, exact data and
    /// numbers, non-finite numbers as null) to standard output, as it is.
    static func json<T: Encodable>(_ value: T) throws {
        exact(try JSONOutput.text(value))
    }

    /// What the command printed, while `-o FILE` sends standard output to a
    /// file (the process is single-threaded where it prints).
    nonisolated(unsafe) private static var captured: [UInt8]?

    /// Runs `body` with standard output kept for `path` (`-o FILE`); the file
    /// is written atomically when the command ends with one of `statuses`
    /// (success, gaps found), and not at all when it fails.
    static func writingOutput(to path: String?, statuses: Set<Int32> = [0, 2], _ body: () throws -> Void) throws {
        guard let path, path != "-" else { return try body() }
        captured = []
        var failure: (any Error)?
        do { try body() } catch { failure = error }
        let bytes = captured ?? []
        captured = nil
        let status = failure == nil ? 0 : ((failure as? ExitCode)?.rawValue ?? 1)
        // A failure in `statuses` (validate's 1) writes only a report that was printed.
        let succeeded = status == 0 || status == 2
        if statuses.contains(status) && (succeeded || !bytes.isEmpty) {
            do { try AtomicFile.write(bytes, to: path) } catch { throw CLI.failure(error) }
        }
        if let failure { throw failure }
    }
}
