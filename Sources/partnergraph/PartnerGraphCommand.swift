import ArgumentParser

@main
struct PartnerGraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partnergraph",
        abstract: "Analyse partnership networks: validate, summarise, measure, find gaps, render.",
        discussion: """
        Data goes to standard output, diagnostics to standard error.
        Exit status: 0 success, 1 data or I/O error, 2 gaps found (with --fail-on-gaps), 64 usage error.
        """,
        version: "0.1.0",
        subcommands: [ValidateCommand.self, SummaryCommand.self, AnalyzeCommand.self, RenderCommand.self, LayoutWorkerCommand.self, GapsCommand.self, CoverageCommand.self, ConvertCommand.self, TimelineCommand.self, DiffCommand.self, ReportCommand.self, ImportCommand.self]
    )
}
