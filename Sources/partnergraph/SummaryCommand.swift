import ArgumentParser
import FigureStyle
import PartnerGraph
import PartnerGraphIO

struct SummaryCommand: ParsableCommand, ReadsData, WritesText {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Partners by kind, ties by type, the date range, and what is current at a date.",
        discussion: "A tie is current at the as-of date when its interval meets [date − lookback, date]; lookback is per type (joint activities 3 years, others 0) unless --lookback overrides it."
    )

    @Argument(help: ArgumentHelp("Graph file (.yaml, .yml, .json) or a directory holding partners.csv and ties.csv.", valueName: "file"))
    var file: String

    @OptionGroup var time: AsOfOption

    @Option(help: "Focal partner id (default: the graph's focal partner).")
    var focal: String?

    @Option(help: "Output format: table, csv, json or markdown.")
    var format: OutputFormat = .table

    @OptionGroup var textOutput: TextOutputOption

    @OptionGroup(title: "Input limits") var readLimits: ReadLimitOptions

    func run() throws {
        let net = try CLI.load(file)
        let day = time.day
        let lookback = time.lookbackOverride
        let focalID = focal ?? net.focal
        if let focalID { try checkPartner(focalID, option: "--focal", in: net, command: "summary") }
        let summary = SummaryOutput(network: net, asOf: day, lookback: lookback, focal: focalID)
        if format == .json {
            try CLI.json(summary)
            return
        }
        // The tables show the summary's values (one computation for every format).
        var kindTable = TextTable([("kind", .left), ("partners", .right), ("with a current tie", .right)])
        for k in summary.partnersByKind { kindTable.add([k.kind, String(k.partners), String(k.current)]) }
        var typeTable = TextTable([("type", .left), ("ties", .right), ("current", .right), ("ended", .right),
                                   ("upcoming", .right), ("undated", .right), ("weight", .right), ("lookback", .left)])
        for t in summary.tiesByType {
            typeTable.add([t.type, String(t.ties), String(t.current), String(t.ended), String(t.upcoming), String(t.undated),
                           NumberFormatting.shortest(t.weight), t.lookback])
        }
        var focalTable = TextTable([("type", .left), ("partner", .left), ("kind", .left), ("start", .left),
                                    ("end", .left), ("label", .left)])
        for t in summary.focalCurrentTies {
            focalTable.add([t.type, t.partner, t.kind, t.start ?? "", t.end ?? "", t.label ?? ""])
        }
        let currentCount = summary.currentTies, presentCount = summary.partnersWithCurrentTie
        var out = ""
        let title = net.title ?? file
        switch format {
        case .markdown:
            out += "# \(MarkdownText.escape(title))\n\nAs of \(day)\(lookback.map { " (lookback \($0) for every type)" } ?? ""): "
            out += "\(currentCount) of \(net.ties.count) ties current, \(presentCount) of \(net.partners.count) partners with a current tie.\n\n"
            out += "## Partners by kind\n\n" + kindTable.render(.markdown)
            out += "\n## Ties by type\n\n" + typeTable.render(.markdown)
            if let f = focalID {
                out += "\n## Current ties of the focal partner \(MarkdownText.escape(f))\n\n" + focalTable.render(.markdown)
            }
        case .csv:
            out += typeTable.render(.csv)
        default:
            out += "\(title)\n"
            out += "as of \(day)\(lookback.map { "; lookback \($0) for every type" } ?? "; lookback per type (see below)")\n"
            out += "\(net.partners.count) partners, \(net.ties.count) ties"
            if let r = ValidateCommand.dateRange(net) { out += ", dated \(r)" }
            out += "\n\(currentCount) ties current at \(day); \(presentCount) partners with a current tie\n\n"
            out += "Partners by kind\n" + kindTable.render(.table)
            out += "\nTies by type\n" + typeTable.render(.table)
            if let f = focalID {
                let name = summary.focalName ?? f
                out += "\nCurrent ties of the focal partner, \(name) (\(f)): \(focalTable.rows.count)\n"
                out += focalTable.rows.isEmpty ? "(none)\n" : focalTable.render(.table)
            }
        }
        // CSV keeps the data exact; the table and Markdown make controls visible.
        if format == .csv { CLI.exact(out) } else { CLI.out(out) }
    }
}
