import ArgumentParser
import PartnerGraphIO

@main
struct PartnerGraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partnergraph",
        abstract: "Analyse partnership networks: validate, summarise, measure, find gaps, render.",
        discussion: """
        Data goes to standard output, diagnostics to standard error.
        Exit status: 0 success, 1 data or I/O error (a full disk, a closed pipe), 2 gaps found (with \
        --fail-on-gaps), 64 usage error (including an unknown id, kind, engine or format, listed with the \
        closest known values, and an output path that is one of the command's inputs: an input is never replaced).
        """,
        version: "0.1.0",
        subcommands: [ValidateCommand.self, SummaryCommand.self, AnalyzeCommand.self, RenderCommand.self, LayoutWorkerCommand.self, GapsCommand.self, CoverageCommand.self, ConvertCommand.self, TimelineCommand.self, DiffCommand.self, ReportCommand.self, ImportCommand.self, ProjectCommand.self]
    )

    /// Every command: a closed pipe or full disk on standard output is an
    /// error message and exit 1, not a signal; no output replaces an input.
    static func main() {
        StandardStream.ignoreBrokenPipeSignal()
        InputFiles.guardInputs()
        // As `main(nil)`, with every read of the command under its limits.
        do {
            var command = try parseAsRoot()
            let limits = (command as? ReadsData)?.readLimits.limits ?? .standard
            let writer = command as? WritesText
            try CLI.writingOutput(to: writer?.textOutput.output, statuses: writer.map { type(of: $0).statusesWritten } ?? []) {
                try ReadLimits.$current.withValue(limits) { try command.run() }
            }
        } catch {
            exit(withError: error)
        }
    }
}
