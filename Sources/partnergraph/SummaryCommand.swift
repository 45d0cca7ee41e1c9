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
        let current = net.currentTies(at: day, lookback: lookback)
        let currentSet = Set(current)

        // Partners by kind (with a current tie / total).
        var present = Set<String>()
        for i in current { present.insert(net.ties[i].source); present.insert(net.ties[i].target) }
        let kinds = Set(net.partners.map(\.kind)).sorted()
        var kindTable = TextTable([("kind", .left), ("partners", .right), ("with a current tie", .right)])
        for k in kinds {
            let ps = net.partners.filter { $0.kind == k }
            kindTable.add([k, String(ps.count), String(ps.filter { present.contains($0.id) }.count)])
        }
        // Ties by type.
        let types = Set(net.ties.map(\.type)).sorted()
        var typeTable = TextTable([("type", .left), ("ties", .right), ("current", .right), ("ended", .right),
                                   ("upcoming", .right), ("undated", .right), ("weight", .right), ("lookback", .left)])
        for t in types {
            let idx = net.ties.indices.filter { net.ties[$0].type == t }
            let states = idx.map { net.state(of: net.ties[$0], at: day, lookback: lookback) }
            let def = net.settings.definition(of: t) ?? TieTypeDefinition(name: t, weight: 1)
            typeTable.add([t, String(idx.count), String(states.filter { $0 == .current }.count),
                           String(states.filter { $0 == .ended }.count), String(states.filter { $0 == .upcoming }.count),
                           String(idx.filter { net.ties[$0].start == nil && net.ties[$0].end == nil }.count),
                           NumberFormatting.shortest(def.weight), (lookback ?? def.lookback).description])
        }
        // Focal partner's current ties.
        var focalTable = TextTable([("type", .left), ("partner", .left), ("kind", .left), ("start", .left),
                                    ("end", .left), ("label", .left)])
        if let f = focalID {
            let rows = current.filter { net.ties[$0].source == f || net.ties[$0].target == f }.map { i -> [String] in
                let t = net.ties[i]
                let other = t.otherEnd(from: f) ?? ""
                let p = net.partner(id: other)
                return [t.type, other, p?.kind ?? "", t.start?.description ?? "", t.end?.description ?? "", t.label ?? ""]
            }.sorted { ($0[0], $0[1], $0[3]) < ($1[0], $1[1], $1[3]) }
            for r in rows { focalTable.add(r) }
        }

        if format == .json {
            try CLI.json(SummaryOutput(network: net, asOf: day, lookback: lookback, focal: focalID))
            return
        }
        var out = ""
        let title = net.title ?? file
        switch format {
        case .markdown:
            out += "# \(MarkdownText.escape(title))\n\nAs of \(day)\(lookback.map { " (lookback \($0) for every type)" } ?? ""): "
            out += "\(currentSet.count) of \(net.ties.count) ties current, \(present.count) of \(net.partners.count) partners with a current tie.\n\n"
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
            out += "\n\(currentSet.count) ties current at \(day); \(present.count) partners with a current tie\n\n"
            out += "Partners by kind\n" + kindTable.render(.table)
            out += "\nTies by type\n" + typeTable.render(.table)
            if let f = focalID {
                let name = net.partner(id: f)?.name ?? f
                out += "\nCurrent ties of the focal partner, \(name) (\(f)): \(focalTable.rows.count)\n"
                out += focalTable.rows.isEmpty ? "(none)\n" : focalTable.render(.table)
            }
        }
        // CSV keeps the data exact; the table and Markdown make controls visible.
        if format == .csv { CLI.exact(out) } else { CLI.out(out) }
    }
}
