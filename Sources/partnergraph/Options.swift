import ArgumentParser
import Foundation
import PartnerGraph
import PartnerGraphIO

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

    static func printDiagnostics(_ diagnostics: [Diagnostic]) {
        let errors = diagnostics.filter { $0.severity == .error }.count
        var text = diagnostics.map(\.description).joined(separator: "\n") + "\n"
        if errors > 1 { text += "\(errors) errors\n" }
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func warn(_ text: String) {
        FileHandle.standardError.write(Data(("warning: " + text + "\n").utf8))
    }

    /// Writes `text` to standard output.
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
