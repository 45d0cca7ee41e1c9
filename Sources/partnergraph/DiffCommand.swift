import ArgumentParser
import FigureStyle
import PartnerAnalysis
import PartnerGraph
import PartnerGraphIO
import PartnerReports

struct DiffCommand: ParsableCommand, ReadsData, WritesText {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What changed: one file between two dates (--from, --to), or two files at one date.",
        discussion: """
        Ties added (current at the later date only), ended or lapsed (current at the earlier date only; \
        lapsed = an agreement not followed by a later one), changed (two files: same tie id, or same type, \
        endpoints and start, with different fields); partners entering and leaving; degree, betweenness \
        and PageRank deltas, biggest first.
        """
    )

    @Argument(help: ArgumentHelp("A graph file (with --from and --to), or two graph files OLD NEW.", valueName: "file"))
    var files: [String]

    @Option(help: ArgumentHelp("Earlier date (one file).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Later date (one file).", valueName: "date"))
    var to: String?

    @OptionGroup var time: AsOfOption

    @Option(help: "Only the N biggest centrality changes per measure.")
    var top: Int = 10

    @Option(help: "Output format: table, csv, json or markdown.")
    var format: OutputFormat = .table

    @OptionGroup var textOutput: TextOutputOption

    @OptionGroup(title: "Input limits") var readLimits: ReadLimitOptions

    func validate() throws {
        switch files.count {
        case 1:
            guard let from, let to else { throw ValidationError("diff FILE needs --from DATE and --to DATE (or give two files).") }
            for (name, v) in [("--from", from), ("--to", to)] {
                if case .failure(let p) = PartialDate.parse(v) { throw ValidationError("\(name): \(p.message); \(p.hint).") }
            }
        case 2:
            if from != nil || to != nil { throw ValidationError("with two files, compare at one date with --as-of, not --from/--to.") }
        default:
            throw ValidationError("give one file with --from and --to, or two files OLD NEW.")
        }
        if top < 1 { throw ValidationError("--top must be at least 1.") }
    }

    func run() throws {
        let diff: NetworkDiff
        let sides: (mode: DiffOutput.Mode, from: DiffOutput.Side, to: DiffOutput.Side)
        if files.count == 1 {
            let net = try CLI.load(files[0])
            let d0 = PartialDate(from!)!.lastDay, d1 = PartialDate(to!)!.lastDay
            do { diff = try NetworkDiff(network: net, from: d0, to: d1, lookback: time.lookbackOverride) } catch {
                throw CLIError("\(files[0]): \(error)")
            }
            sides = (.dates, DiffOutput.Side(file: files[0], asOf: d0.description), DiffOutput.Side(file: files[0], asOf: d1.description))
        } else {
            sides = (.files, DiffOutput.Side(file: files[0], asOf: time.day.description),
                     DiffOutput.Side(file: files[1], asOf: time.day.description))
            let old = try CLI.load(files[0]), new = try CLI.load(files[1])
            do {
                diff = try NetworkDiff(old: old, new: new, asOf: time.day, lookback: time.lookbackOverride,
                                       oldLabel: files[0], newLabel: files[1])
            } catch { throw CLIError("\(error)") }
        }
        let centrality = ["degree", "betweenness", "pagerank"].flatMap { m in diff.centrality.filter { $0.measure == m }.prefix(top) }
        switch format {
        case .json:
            try CLI.json(DiffOutput(diff, mode: sides.mode, from: sides.from, to: sides.to, lookback: time.lookbackOverride,
                                    top: top, centrality: centrality))
        case .csv:
            var t = TextTable([("section", .left), ("change", .left), ("tie", .left), ("type", .left), ("source", .left),
                               ("target", .left), ("start", .left), ("end", .left), ("details", .left)])
            for c in diff.ties {
                t.add(["tie", c.change, c.reference, c.type, c.source, c.target, c.start?.description ?? "", c.end?.description ?? "",
                       c.details.joined(separator: "; ")])
            }
            for p in diff.partnersEntering { t.add(["partner", "entering", "", "", p, "", "", "", ""]) }
            for p in diff.partnersLeaving { t.add(["partner", "leaving", "", "", p, "", "", "", ""]) }
            for d in centrality {
                t.add(["centrality", d.measure, "", "", d.id, "", NumberFormatting.shortest(d.before), NumberFormatting.shortest(d.after),
                       NumberFormatting.shortest(d.delta)])
            }
            CLI.exact(t.render(.csv))
        case .table, .markdown:
            let md = format == .markdown
            let text: (String) -> String = { md ? MarkdownText.escape($0) : $0 }
            var out = md ? "## Changes from \(MarkdownText.escape(diff.fromLabel)) to \(MarkdownText.escape(diff.toLabel))\n\n" : "Changes from \(diff.fromLabel) to \(diff.toLabel)\n"
            var ties = TextTable([("change", .left), ("tie", .left), ("type", .left), ("between", .left), ("start", .left),
                                  ("end", .left), ("details", .left)])
            for c in diff.ties {
                ties.add([c.change, c.reference, c.type, "\(c.source) – \(c.target)", c.start?.description ?? "",
                          c.end?.description ?? "", c.details.joined(separator: "; ")])
            }
            let counts = ["added", "changed", "lapsed", "ended", "removed"].compactMap { k -> String? in
                let n = diff.ties.filter { $0.change == k }.count
                return n > 0 ? "\(n) \(k)" : nil
            }
            out += (md ? "\n### Ties\n\n" : "\nTies: ") + (counts.isEmpty ? "no change" : counts.joined(separator: ", ")) + (md ? "\n\n" : "\n")
            if !diff.ties.isEmpty { out += ties.render(format) }
            out += (md ? "\n### Partners\n\n" : "\nPartners\n")
            out += "entering: " + (diff.partnersEntering.isEmpty ? "none" : text(diff.partnersEntering.joined(separator: ", "))) + (md ? "  \n" : "\n")
            out += "leaving: " + (diff.partnersLeaving.isEmpty ? "none" : text(diff.partnersLeaving.joined(separator: ", "))) + "\n"
            var cent = TextTable([("measure", .left), ("partner", .left), ("before", .right), ("after", .right), ("change", .right)])
            for d in centrality {
                cent.add([d.measure, d.id, NumberFormatting.fixed(d.before, digits: 4), NumberFormatting.fixed(d.after, digits: 4),
                          (d.delta > 0 ? "+" : "") + NumberFormatting.fixed(d.delta, digits: 4)])
            }
            out += (md ? "\n### Biggest centrality changes\n\n" : "\nBiggest centrality changes (top \(top) per measure)\n")
            out += centrality.isEmpty ? "none\n" : cent.render(format)
            CLI.out(out)
        }
    }
}
