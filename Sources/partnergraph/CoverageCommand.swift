import ArgumentParser
import Foundation
import FigureStyle
import PartnerAnalysis
import PartnerGraph
import PartnerGraphIO
import PartnerReports

struct CoverageCommand: ParsableCommand, ReadsData, WritesText {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Which expected categories and named partners the focal partner works with, as of a date or per year.",
        discussion: """
        Per expected category: partners known (graph and strategy roster), partners with a current tie to the focal \
        partner, by tie type, the last activity and the share covered. Per named partner: covered or not, tie types, \
        last activity. Without expected categories every kind in the graph is listed (minimum 1). \
        With --years FROM...TO the same as of 31 December of every year (the coverage trend).

        With --matrix: who has and who has not a current tie, as a matrix. Rows are the roster (--roster ids or \
        FILE.csv#column, or --rows SIDE|KIND; default the first side of a two-mode graph, else every partner); columns \
        are the partners of the other side (--columns SIDE|KIND|ids) or, in a one-mode graph, partner kinds. A cell is \
        the start year of a current tie, "ended YEAR" for a lapsed one, or "–". --uncovered-only keeps the rows and \
        columns with a gap. Formats: table, csv (one line per cell), json, markdown, html (a table) and svg (a heat map \
        under --page-width and --font-size; columns that do not fit are split into panels, said on stderr). \
        Which states have not ratified which treaties: coverage FILE --matrix --uncovered-only.
        """
    )

    @Argument(help: ArgumentHelp("Graph file or CSV directory.", valueName: "file"))
    var file: String

    @OptionGroup var strategyOptions: StrategyOption

    @OptionGroup var time: AsOfOption

    @OptionGroup var yearsOption: YearsOption

    @Option(name: .customLong("format"), help: "Output format: table, csv, json or markdown; with --matrix also html or svg.")
    var formatOption: CoverageFormat = .table

    /// The table format (html and svg are --matrix only, see validate()).
    var format: OutputFormat { formatOption.plain ?? .table }

    @OptionGroup(title: "Matrix") var matrixOptions: CoverageMatrixOptions

    @OptionGroup var pageOptions: PageOptions

    @OptionGroup var textOutput: TextOutputOption

    @OptionGroup(title: "Input limits") var readLimits: ReadLimitOptions

    func validate() throws {
        try yearsOption.check(against: time)
        try validateMatrix()
    }

    func run() throws {
        let net = try CLI.load(file)
        if matrixOptions.matrix { return try runMatrix(net) }
        let strategy = try strategyOptions.load(for: net)
        let coverage: Coverage
        if let focal = strategyOptions.focal { try checkPartner(focal, option: "--focal", in: net, command: "coverage") }
        do {
            coverage = try Coverage(network: net, strategy: strategy, focal: strategyOptions.focal)
        } catch {
            throw CLIError("\(file): \(error)")
        }
        let settings = strategyOptions.settingsLine(net, strategy, lookback: time.lookbackOverride)
        let name = net.partner(id: coverage.focal)?.name ?? coverage.focal
        if let range = yearsOption.range {
            let reports = range.years.map { coverage.report(asOf: Day(year: $0, month: 12, day: 31)!, lookback: time.lookbackOverride) }
            if format == .json {
                try CLI.json(CoverageYearsOutput(reports, settings: StrategySettings(path: strategyOptions.strategy, strategy: strategy,
                                                                                  lookback: time.lookbackOverride)))
                return
            }
            let text = trend(reports, years: range.years, name: name, settings: settings)
            // CSV keeps the data exact.
            if format == .csv { CLI.exact(text) } else { CLI.out(text) }
            return
        }
        let r = coverage.report(asOf: time.day, lookback: time.lookbackOverride)
        switch format {
        case .json:
            try CLI.json(CoverageOutput(r, settings: StrategySettings(path: strategyOptions.strategy, strategy: strategy,
                                                                      lookback: time.lookbackOverride)))
        case .csv:
            CLI.exact(categoryTable(r, csv: true).render(.csv))
        case .markdown:
            var s = "**Coverage for \(MarkdownText.escape(r.focal)) as of \(r.asOf)** — \(MarkdownText.escape(settings))\n\n" + categoryTable(r, csv: false).render(.markdown)
            if !r.partners.isEmpty { s += "\n**Named partners**\n\n" + partnerTable(r).render(.markdown) }
            CLI.out(s)
        case .table:
            var s = "Coverage for \(name) (\(r.focal)) as of \(r.asOf)\n\(settings)\n\nCategories\n" + categoryTable(r, csv: false).render(.table)
            if !r.partners.isEmpty {
                let covered = r.partners.filter(\.isCovered).count
                s += "\nNamed partners: \(covered) of \(r.partners.count) covered\n" + partnerTable(r).render(.table)
            }
            CLI.out(s)
        }
    }

    static func percent(_ share: Double) -> String { NumberFormatting.fixed(share * 100, digits: 0) + "%" }

    func categoryTable(_ r: CoverageReport, csv: Bool) -> TextTable {
        var t = TextTable([("kind", .left), ("min", .right), ("known", .right), ("covered", .right), ("share", .right),
                           ("met", .left), ("by type", .left), ("last activity", .left), ("covered partners", .left)])
        for c in r.categories {
            t.add([c.kind, String(c.minimum), String(c.known.count), String(c.covered.count),
                   csv ? NumberFormatting.shortest(c.share) : Self.percent(c.share), c.isMet ? "yes" : "no",
                   c.byType.map { "\($0.type) \($0.partners)" }.joined(separator: csv ? ";" : ", "),
                   c.lastActivity.description, Self.list(c.covered, csv: csv)])
        }
        return t
    }

    static func list(_ ids: [String], csv: Bool) -> String {
        if csv || ids.count <= 6 { return ids.joined(separator: csv ? ";" : ", ") }
        return ids.prefix(5).joined(separator: ", ") + ", … (+\(ids.count - 5))"
    }

    func partnerTable(_ r: CoverageReport) -> TextTable {
        var t = TextTable([("id", .left), ("name", .left), ("kind", .left), ("in graph", .left), ("covered", .left),
                           ("current ties", .left), ("last activity", .left)])
        for p in r.partners {
            t.add([p.id, p.name, p.kind, p.inGraph ? "yes" : "no", p.isCovered ? "yes" : "no",
                   p.currentTypes.joined(separator: ", "), p.lastActivity.description])
        }
        return t
    }

    // MARK: Trend

    func trend(_ reports: [CoverageReport], years: [Int], name: String, settings: String) -> String {
        switch format {
        case .csv, .json:  // (run writes JSON as a CoverageYearsOutput)
            var t = TextTable([("year", .left), ("scope", .left), ("id", .left), ("min", .right), ("known", .right),
                               ("covered", .right), ("share", .right), ("last activity", .left)])
            for r in reports {
                for c in r.categories {
                    t.add([String(r.asOf.year), "category", c.kind, String(c.minimum), String(c.known.count),
                           String(c.covered.count), NumberFormatting.shortest(c.share), c.lastActivity.description])
                }
                for p in r.partners {
                    t.add([String(r.asOf.year), "partner", p.id, "1", "1", p.isCovered ? "1" : "0", p.isCovered ? "1" : "0",
                           p.lastActivity.description])
                }
            }
            return t.render(.csv)
        case .table, .markdown:
            let md = format == .markdown
            var out = md ? "**Coverage for \(MarkdownText.escape(reports[0].focal)), as of 31 December \(years.first!)–\(years.last!)** — \(MarkdownText.escape(settings))\n\n"
                : "Coverage for \(name) (\(reports[0].focal)) as of 31 December of \(years.first!)–\(years.last!)\n\(settings)\n\n"
            out += md ? "**Covered / known partners per category**\n\n" : "Covered / known partners per category\n"
            let kinds = reports[0].categories.map(\.kind)
            var t = TextTable([("year", .left)] + kinds.map { ($0, .right) })
            for r in reports {
                t.add([String(r.asOf.year)] + r.categories.map { "\($0.covered.count)/\($0.known.count) \(Self.percent($0.share))" })
            }
            out += t.render(format)
            if !reports[0].partners.isEmpty {
                out += md ? "\n**Named partners covered per year** (█ covered, · not; \(years.first!)–\(years.last!))\n\n"
                    : "\nNamed partners covered per year (█ covered, · not; \(years.first!)–\(years.last!))\n"
                var p = TextTable([("id", .left), ("name", .left), ("years covered", .right), ("trend", .left)])
                for (i, e) in reports[0].partners.enumerated() {
                    let flags = reports.map { $0.partners[i].isCovered }
                    p.add([e.id, e.name, String(flags.filter { $0 }.count), flags.map { $0 ? "█" : "·" }.joined()])
                }
                out += p.render(format)
            }
            return out
        }
    }
}
